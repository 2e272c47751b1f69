// Checks an app package (a Map of zip-root file name -> bytes) the way Teams would before it
// accepts an upload: the manifest and its translations against the Teams JSON schemas bundled by
// @microsoft/app-manifest (offline), plus the rules the schema cannot express (icon sizes,
// outline transparency, files that must be present). Returns a list of readable problems.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { decodePng } from "./png.mjs";

const require = createRequire(import.meta.url);
const packageRoot = dirname(require.resolve("@microsoft/app-manifest/package.json"));
const { AppManifestUtils } = require("@microsoft/app-manifest");

export const schemaPackage = `@microsoft/app-manifest ${JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")).version}`;

const SchemaUrl = (version, kind) => `https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.${kind}schema.json`;
const IconSizes = { color: 192, outline: 32, color32x32: 32 };

/** @returns {Promise<{ problems: string[], notes: string[] }>} */
export async function checkPackage(files) {
  const problems = [];
  const notes = [];
  const manifest = parseJson(files, "manifest.json", problems);
  if (!manifest) {
    return { problems, notes };
  }

  const version = manifest.manifestVersion;
  const schema = loadSchema(version, "");
  if (!schema) {
    problems.push(`manifest.json: manifestVersion "${version}" has no schema in ${schemaPackage}`);
    return { problems, notes };
  }
  if (manifest.$schema !== SchemaUrl(version, "")) {
    problems.push(`manifest.json: $schema must be ${SchemaUrl(version, "")} to match manifestVersion ${version}`);
  }
  const schemaErrors = await AppManifestUtils.validateAgainstSchema(manifest, schema);
  problems.push(...schemaErrors.map((e) => `manifest.json: ${e}`));
  if (schemaErrors.length === 0) {
    notes.push(`manifest.json is valid against the Teams manifest schema v${version} (${schemaPackage})`);
  }

  problems.push(...teamsRules(manifest));
  checkIcons(manifest, files, problems, notes);
  await checkLocalizations(manifest, files, problems, notes);
  return { problems, notes };
}

// Rules Teams applies on upload that the JSON schema does not state.
function teamsRules(manifest) {
  const problems = [];
  if (!/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.test(manifest.version ?? "")) {
    problems.push(`manifest.json: /version "${manifest.version}" must be MAJOR.MINOR.PATCH with numbers only`);
  }
  for (const [key, url] of Object.entries(manifest.developer ?? {})) {
    if (key.endsWith("Url") && !/^https:\/\/[^\s/]+\.[^\s/]+/i.test(url)) {
      problems.push(`manifest.json: /developer/${key} "${url}" must be an https URL`);
    }
  }
  const bot = manifest.bots?.[0];
  for (const [i, list] of (bot?.commandLists ?? []).entries()) {
    for (const scope of list.scopes ?? []) {
      if (!bot.scopes?.includes(scope)) {
        problems.push(`manifest.json: /bots/0/commandLists/${i} is for scope "${scope}", which the bot does not have`);
      }
    }
    const titles = (list.commands ?? []).map((c) => c.title?.toLowerCase());
    for (const title of new Set(titles.filter((t, j) => titles.indexOf(t) !== j))) {
      problems.push(`manifest.json: /bots/0/commandLists/${i} lists the command "${title}" twice`);
    }
  }
  return problems;
}

function checkIcons(manifest, files, problems, notes) {
  for (const [kind, size] of Object.entries(IconSizes)) {
    const name = manifest.icons?.[kind];
    if (!name) {
      continue;
    }
    const bytes = files.get(name);
    if (!bytes) {
      problems.push(`${name}: the ${kind} icon is missing from the package root`);
      continue;
    }
    let png;
    try {
      png = decodePng(bytes);
    } catch (error) {
      problems.push(`${name}: ${error.message}`);
      continue;
    }
    if (png.width !== size || png.height !== size) {
      problems.push(`${name}: the ${kind} icon is ${png.width}x${png.height}; Teams requires ${size}x${size}`);
      continue;
    }
    if (kind === "outline") {
      const outline = checkOutline(png);
      if (outline) {
        problems.push(`${name}: ${outline}`);
        continue;
      }
    }
    notes.push(`${name}: ${kind} icon ${size}x${size}${kind === "outline" ? ", white on transparent" : ""}`);
  }
}

// Teams shows the outline icon tinted on its own background: it must be white and transparent.
function checkOutline(png) {
  if (!png.rgba) {
    return `the outline icon must be an 8-bit PNG with an alpha channel (RGBA or grey+alpha, not interlaced); this one has colour type ${png.colorType}, depth ${png.bitDepth}`;
  }
  let transparent = 0;
  let visible = 0;
  for (let i = 0; i < png.rgba.length; i += 4) {
    const alpha = png.rgba[i + 3];
    if (alpha === 0) {
      transparent++;
    } else {
      visible++;
      if (png.rgba[i] !== 255 || png.rgba[i + 1] !== 255 || png.rgba[i + 2] !== 255) {
        const x = (i / 4) % png.width;
        const y = Math.floor(i / 4 / png.width);
        return `the outline icon must be white on transparent; pixel (${x},${y}) is rgb(${png.rgba[i]},${png.rgba[i + 1]},${png.rgba[i + 2]})`;
      }
    }
  }
  if (transparent === 0 || visible === 0) {
    return "the outline icon must be white on a transparent background; it is " + (visible === 0 ? "empty" : "not transparent anywhere");
  }
  return undefined;
}

async function checkLocalizations(manifest, files, problems, notes) {
  const version = manifest.manifestVersion;
  const languages = manifest.localizationInfo?.additionalLanguages ?? [];
  if (languages.length === 0) {
    return;
  }
  const schema = loadSchema(version, "Localization.");
  if (!schema) {
    problems.push(`manifest.json: ${schemaPackage} has no localization schema for v${version}`);
    return;
  }
  for (const { languageTag, file } of languages) {
    const strings = parseJson(files, file, problems);
    if (!strings) {
      continue;
    }
    if (strings.$schema !== undefined && strings.$schema !== SchemaUrl(version, "Localization.")) {
      problems.push(`${file}: $schema must be ${SchemaUrl(version, "Localization.")}: Teams wants the same version as manifest.json`);
    }
    const errors = await AppManifestUtils.validateAgainstSchema(strings, schema);
    problems.push(...errors.map((e) => `${file}: ${e}`));
    const orphans = Object.keys(strings).filter((key) => key !== "$schema" && key !== "localizationKeys" && resolve(manifest, key) === undefined);
    problems.push(...orphans.map((key) => `${file}: "${key}" translates something manifest.json does not have`));
    if (errors.length === 0 && orphans.length === 0) {
      notes.push(`${file} (${languageTag}) is valid against the Teams localization schema v${version}`);
    }
  }
}

// "bots[0].commandLists[1].commands[2].description" -> the value at that path in the manifest.
function resolve(manifest, key) {
  return key.split(/\.|(?=\[)/).reduce((node, part) => {
    if (node === undefined) {
      return undefined;
    }
    const index = /^\[(\d+)\]$/.exec(part);
    return index ? node[Number(index[1])] : node[part];
  }, manifest);
}

function loadSchema(version, kind) {
  if (!/^\d+\.\d+$/.test(version ?? "")) {
    return undefined;
  }
  let schema;
  try {
    schema = JSON.parse(readFileSync(join(packageRoot, "build", "json-schemas", "teams", `v${version}`, `MicrosoftTeams.${kind}schema.json`), "utf8"));
  } catch (error) {
    if (error.code === "ENOENT") {
      return undefined;
    }
    throw error;
  }
  return repairPatterns(schema);
}

// Every bundled localization schema (v1.8 to v1.30, devPreview) has two patterns with an unescaped "]"
// (".activityTypes\\[\\b(...)\\b]\\.description"): a literal in a plain JavaScript regex, but
// a syntax error with the unicode flag Ajv compiles patterns with, so the package's own
// validator throws (reported upstream as MicrosoftDocs/msteams-docs#8858). Escaping the lone
// "]" keeps each pattern's meaning; patterns that already compile are left alone.
function repairPatterns(node) {
  if (Array.isArray(node)) {
    return node.map(repairPatterns);
  }
  if (!node || typeof node !== "object") {
    return node;
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => {
    if (key === "pattern" && typeof value === "string") {
      return [key, repairPattern(value)];
    }
    if (key === "patternProperties" && value && typeof value === "object") {
      return [key, Object.fromEntries(Object.entries(value).map(([p, s]) => [repairPattern(p), repairPatterns(s)]))];
    }
    return [key, repairPatterns(value)];
  }));
}

function repairPattern(pattern) {
  if (compiles(pattern)) {
    return pattern;
  }
  let repaired = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      repaired += c + (pattern[++i] ?? "");
      continue;
    }
    if (c === "[") {
      inClass = true;
    } else if (c === "]") {
      if (!inClass) {
        repaired += "\\]";
        continue;
      }
      inClass = false;
    }
    repaired += c;
  }
  return compiles(repaired) ? repaired : pattern;
}

function compiles(pattern) {
  try {
    new RegExp(pattern, "u");
    return true;
  } catch {
    return false;
  }
}

function parseJson(files, name, problems) {
  const bytes = files.get(name);
  if (!bytes) {
    problems.push(`${name}: missing from the package root`);
    return undefined;
  }
  try {
    return JSON.parse(bytes.toString("utf8").replace(/^\uFEFF/, ""));
  } catch (error) {
    problems.push(`${name}: not valid JSON (${error.message})`);
    return undefined;
  }
}
