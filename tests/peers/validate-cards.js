// Validates Adaptive Cards with the official parser (npm adaptivecards), the way StuyfBot's
// tests need it: stdin is a JSON array of {name, card}; stdout is a JSON array of
// {name, problems: [string]}. Parsed at each card's declared version, so newer elements are
// reported. The parser does not flag an Action.Execute without a verb, nor unknown properties:
// both are checked here against the parser's own property schemas.
"use strict";
const AC = require("adaptivecards/dist/adaptivecards.js");

// Properties the parser handles outside its schemas, and the Teams extensions Teams documents.
const extraKeys = {
  AdaptiveCard: ["body", "actions", "msteams"],
  Container: ["items"],
  Column: ["items", "width"],
  ColumnSet: ["columns"],
  ActionSet: ["actions"],
  FactSet: ["facts"],
  "Action.ShowCard": ["card"],
};
const plainObjects = {
  refresh: ["action", "userIds"],
  fact: ["title", "value"],
  choice: ["title", "value"],
  msteams: ["width", "entities"],
};

function schemaNames(obj) {
  const schema = obj.getSchema();
  const names = [];
  for (let i = 0; i < schema.getCount(); i++) names.push(schema.getItemAt(i).name);
  return names;
}

function instanceFor(type, version) {
  if (type === "AdaptiveCard") return new AC.AdaptiveCard();
  if (type === "Column") return new AC.Column();
  return AC.GlobalRegistry.elements.createInstance(type, version)
    || AC.GlobalRegistry.actions.createInstance(type, version);
}

function checkObject(node, path, version, problems) {
  const instance = instanceFor(node.type, version);
  if (!instance) {
    problems.push(`${path}: unknown type "${node.type}" at version ${version}`);
    return;
  }
  const known = new Set([...schemaNames(instance), ...(extraKeys[node.type] || [])]);
  for (const key of Object.keys(node)) {
    if (!known.has(key)) problems.push(`${path}: unknown property "${key}" on ${node.type}`);
  }
  if (node.type === "Action.Execute" && !(typeof node.verb === "string" && node.verb.length > 0)) {
    problems.push(`${path}: Action.Execute without a verb`);
  }
  if (node.type === "Action.Submit") {
    problems.push(`${path}: Action.Submit used; use Action.Execute (Universal Actions)`);
  }
}

function checkPlain(node, path, kind, problems) {
  const known = new Set(plainObjects[kind]);
  for (const key of Object.keys(node)) {
    if (!known.has(key)) problems.push(`${path}: unknown property "${key}" on ${kind}`);
  }
}

function walk(node, path, version, problems, kind) {
  if (Array.isArray(node)) {
    node.forEach((item, i) => walk(item, `${path}[${i}]`, version, problems, kind));
    return;
  }
  if (node === null || typeof node !== "object") return;
  if (kind) {
    checkPlain(node, path, kind, problems);
  } else if (typeof node.type === "string") {
    checkObject(node, path, version, problems);
  } else {
    problems.push(`${path}: object without a type`);
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === "data" || key === "choices.data") continue; // free-form payloads
    const child = `${path}.${key}`;
    if (key === "refresh") walk(value, child, version, problems, "refresh");
    else if (key === "facts") walk(value, child, version, problems, "fact");
    else if (key === "choices") walk(value, child, version, problems, "choice");
    else if (key === "msteams") walk(value, child, version, problems, "msteams");
    else if (kind === "refresh" && key === "userIds") continue;
    else if (["body", "items", "columns", "actions", "action", "card", "selectAction"].includes(key)) walk(value, child, version, problems);
  }
}

function validate(card) {
  const problems = [];
  if (!card || card.type !== "AdaptiveCard") return ["not an AdaptiveCard"];
  if (typeof card.version !== "string") return ["the card declares no version (it would silently become 1.0)"];
  const version = AC.Version.parse(card.version, new AC.SerializationContext());
  if (!version || !version.isValid) return [`invalid version "${card.version}"`];
  const context = new AC.SerializationContext(version);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(`parser: ${context.getEventAt(i).message}`);
  for (const event of parsed.validateProperties().validationEvents) problems.push(`validation: ${event.message}`);
  walk(card, "$", version, problems);
  return problems;
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const cards = JSON.parse(input);
  const results = cards.map(({ name, card }) => ({ name, problems: validate(card) }));
  process.stdout.write(JSON.stringify(results));
});
