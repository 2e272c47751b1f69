#!/usr/bin/env node
// Builds the StuyfBot Teams app package: fills the ids into manifest.template.json, adds the
// commands from commands.json, validates everything offline against the Teams schemas bundled by
// @microsoft/app-manifest, and writes build/stuyfbot.zip. Run `node manifest/pack.mjs --help`.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { checkPackage } from "./lib/check.mjs";
import { readZip, writeZip } from "./lib/zip.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const ZipName = "stuyfbot.zip";
const Scopes = ["personal", "groupChat", "team"];
// Names the manifest id derived from a bot app id (UUID v5), so a local package keeps its id.
const ManifestIdNamespace = "3c1f0d2e-5b7a-4f38-9e21-6d8a4b0c9f17";
const PlaceholderAppId = "00000000-0000-0000-0000-000000000000";
const Guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const Usage = `Usage: node manifest/pack.mjs [options]

  --app-id GUID        the bot's Entra app (client) id        (env Bot__AppId / BOT__APPID)
  --manifest-id GUID   the Teams app id                       (env TeamsApp__Id / TEAMSAPP__ID;
                       default: derived from the bot app id, the same every time)
  --app-version X.Y.Z  the app version                        (default: manifest/package.json)
  --domain HOST        the bot's host name for validDomains   (env TeamsApp__Domain / TEAMSAPP__DOMAIN)
  --template FILE      manifest template (default: manifest/manifest.template.json);
                       icons, commands and translations still come from manifest/
  --out DIR            where to write ${ZipName} (default: manifest/build)
  --validate-only      build and check the package, write nothing (the app id may be left out)
  --check ZIP          check an existing package instead of building one

Exit code 0: valid (and written); 1: the package is invalid; 2: wrong options or configuration.`;

class UsageError extends Error {}

async function main() {
  const { values } = parseArgs({
    options: {
      "app-id": { type: "string" },
      "manifest-id": { type: "string" },
      "app-version": { type: "string" },
      domain: { type: "string" },
      template: { type: "string" },
      out: { type: "string" },
      "validate-only": { type: "boolean", default: false },
      check: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(Usage);
    return 0;
  }
  if (values.check) {
    let files;
    try {
      files = readZip(readFileSync(values.check));
    } catch (error) {
      if (error.code === "ENOENT") {
        throw new UsageError(`${values.check}: not found`);
      }
      return report({ problems: [`${values.check}: ${error.message}`], notes: [] }, "");
    }
    return report(await checkPackage(files), `${values.check} is a valid Teams app package`);
  }

  const settings = configure(values);
  const files = buildPackage(settings);
  const outcome = await checkPackage(files);
  if (values["validate-only"]) {
    return report(outcome, `valid (bot app id ${settings.botAppId}, manifest id ${settings.manifestId}, version ${settings.version}); nothing written`);
  }
  if (outcome.problems.length > 0) {
    return report(outcome, "");
  }
  const out = resolve(values.out ?? join(here, "build"));
  mkdirSync(out, { recursive: true });
  const zip = join(out, ZipName);
  writeFileSync(zip, writeZip([...files].map(([name, data]) => ({ name, data }))));
  return report(outcome, `wrote ${zip} (bot app id ${settings.botAppId}, manifest id ${settings.manifestId}, version ${settings.version})`);
}

function configure(values) {
  const env = (...names) => names.map((n) => process.env[n]).find((v) => v !== undefined && v !== "");
  let botAppId = values["app-id"] ?? env("Bot__AppId", "BOT__APPID");
  if (!botAppId) {
    if (!values["validate-only"]) {
      throw new UsageError("the bot app id is missing: pass --app-id GUID or set Bot__AppId (use --validate-only to check without one)");
    }
    botAppId = PlaceholderAppId;
  }
  const manifestId = values["manifest-id"] ?? env("TeamsApp__Id", "TEAMSAPP__ID") ?? uuidV5(ManifestIdNamespace, botAppId.toLowerCase());
  for (const [name, value] of [["bot app id", botAppId], ["manifest id", manifestId]]) {
    if (!Guid.test(value)) {
      throw new UsageError(`the ${name} "${value}" is not a GUID`);
    }
  }
  const domain = values.domain ?? env("TeamsApp__Domain", "TEAMSAPP__DOMAIN");
  if (domain !== undefined && !/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(domain)) {
    throw new UsageError(`--domain "${domain}" must be a host name such as stuyfbot.azurewebsites.net (no https://, no path)`);
  }
  return {
    botAppId: botAppId.toLowerCase(),
    manifestId: manifestId.toLowerCase(),
    version: values["app-version"] ?? readJson(join(here, "package.json")).version,
    domain,
    template: resolve(values.template ?? join(here, "manifest.template.json")),
  };
}

/** The package's files, zip-root name -> bytes, in the order they go into the zip. */
function buildPackage(settings) {
  const tokens = { botAppId: settings.botAppId, manifestId: settings.manifestId, version: settings.version };
  const manifest = fill(readJson(settings.template), tokens, settings.template);
  if (settings.domain && !manifest.validDomains?.includes(settings.domain)) {
    manifest.validDomains = [...(manifest.validDomains ?? []), settings.domain];
  }

  const bot = manifest.bots?.[0];
  if (!bot) {
    throw new UsageError(`${settings.template} has no bot in "bots"`);
  }
  if (bot.commandLists) {
    throw new UsageError(`${settings.template} has bots[0].commandLists: commands belong in manifest/commands.json`);
  }
  const { commands } = readJson(join(here, "commands.json"));
  for (const command of commands) {
    const unknown = (command.scopes ?? []).filter((scope) => !Scopes.includes(scope) || !bot.scopes?.includes(scope));
    if (!command.title || !command.scopes?.length || unknown.length > 0) {
      throw new UsageError(`manifest/commands.json: "${command.title}" needs a title and scopes from the bot's scopes (${bot.scopes?.join(", ")}); got ${JSON.stringify(command.scopes)}`);
    }
  }
  const defaultLanguage = manifest.localizationInfo?.defaultLanguageTag;
  const lists = Scopes.filter((scope) => bot.scopes?.includes(scope))
    .map((scope) => ({ scope, commands: commands.filter((c) => c.scopes.includes(scope)) }))
    .filter((list) => list.commands.length > 0);
  bot.commandLists = lists.map(({ scope, commands: listed }) => ({
    scopes: [scope],
    commands: listed.map((c) => ({ title: c.title, description: describe(c, defaultLanguage) })),
  }));

  const files = new Map([["manifest.json", json(manifest)]]);
  for (const icon of Object.values(manifest.icons ?? {})) {
    files.set(icon, readFileSync(join(here, icon)));
  }
  for (const { languageTag, file } of manifest.localizationInfo?.additionalLanguages ?? []) {
    const strings = readJson(join(here, file));
    lists.forEach((list, i) => list.commands.forEach((c, j) => {
      strings[`bots[0].commandLists[${i}].commands[${j}].description`] = describe(c, languageTag);
    }));
    files.set(file, json(strings));
  }
  return files;
}

function describe(command, languageTag) {
  const description = command.description?.[languageTag];
  if (!description) {
    throw new UsageError(`manifest/commands.json: "${command.title}" has no description for ${languageTag}`);
  }
  return description;
}

// Replaces {{name}} in every string of the template; an unknown name is an error, not a blank.
function fill(node, tokens, source) {
  if (typeof node === "string") {
    return node.replace(/\{\{(\w+)\}\}/g, (_, name) => {
      if (!(name in tokens)) {
        throw new UsageError(`${source}: unknown placeholder {{${name}}} (known: ${Object.keys(tokens).join(", ")})`);
      }
      return tokens[name];
    });
  }
  if (Array.isArray(node)) {
    return node.map((item) => fill(item, tokens, source));
  }
  if (node && typeof node === "object") {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fill(value, tokens, source)]));
  }
  return node;
}

// RFC 4122 name-based UUID (version 5, SHA-1).
function uuidV5(namespace, name) {
  const hash = createHash("sha1").update(Buffer.from(namespace.replace(/-/g, ""), "hex")).update(name, "utf8").digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8").replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new UsageError(`${path}: ${error.code === "ENOENT" ? "not found" : error.message}`);
  }
}

const json = (value) => Buffer.from(JSON.stringify(value, null, 2) + "\n", "utf8");

function report({ problems, notes }, success) {
  for (const note of notes) {
    console.log(`ok: ${note}`);
  }
  if (problems.length > 0) {
    console.error(`The Teams app package is INVALID (${problems.length} problem${problems.length === 1 ? "" : "s"}):`);
    for (const problem of problems) {
      console.error(`  - ${problem}`);
    }
    return 1;
  }
  console.log(success);
  return 0;
}

main().then(
  (code) => { process.exitCode = code; },
  (error) => {
    if (error instanceof UsageError || error.code?.startsWith("ERR_PARSE_ARGS")) {
      console.error(`pack.mjs: ${error.message}`);
      if (error.code?.startsWith("ERR_PARSE_ARGS")) {
        console.error(Usage);
      }
      process.exitCode = 2;
    } else {
      console.error(error);
      process.exitCode = 1;
    }
  },
);
