#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * SQL lives only in `*.repository.ts`. This check (part of `npm run lint`) fails when a service
 * (`*.service.ts`), a controller (`*.controller.ts`), a page controller (`pages/*.ts`) or any
 * other file of a module (`modules/**`) but its repositories, under the given folder (default
 * `src/`), holds a statement: a string or template that reads as SQL, or a call that runs one
 * on a SQL handle (`sql.exec(…)`, `sql.one(…)`, `sql.rows(…)`).
 *
 *   node scripts/check-sql-placement.js [folder]
 */
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

/** The files that must hold no SQL: services, controllers, page controllers, and every other
 * file of a module that is not its repository (a helper is no place for a statement either). */
const CHECKED = [
  /\.service\.ts$/,
  /\.controller\.ts$/,
  /(^|\/)pages\/[^/]+\.ts$/,
  /(^|\/)modules\//,
];
const EXEMPT = /\.repository\.ts$/;

/** Text that reads as a statement: it starts as one, or holds a statement's unmistakable parts. */
const STATEMENT_START =
  /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|LOCK|SET|TRUNCATE|CREATE|ALTER|DROP)\s/;
const STATEMENT_PART =
  /\bSELECT\b[\s\S]*\bFROM\b|\bINSERT\s+INTO\b|\bUPDATE\s+\w+(\s+\w+)?\s+SET\b|\bDELETE\s+FROM\b|\bpg_advisory_\w*lock\b/;

/** A SQL handle's names, and what running a statement on one is called. */
const HANDLES = new Set(['sql', 'tx', 'client', 'pool', 'runner', 'queryRunner', 'manager']);
const RUNS = new Set(['exec', 'one', 'rows', 'query']);

/**
 * The places in one file's text that hold SQL.
 * @param {string} fileName
 * @param {string} text
 * @returns {{ line: number; column: number; what: string }[]}
 */
function findSql(fileName, text) {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  /** @type {{ line: number; column: number; what: string }[]} */
  const found = [];
  /** @param {ts.Node} node @param {string} what */
  const report = (node, what) => {
    const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
    found.push({ line: line + 1, column: character + 1, what });
  };
  /** @param {string} value */
  const readsAsSql = (value) => STATEMENT_START.test(value) || STATEMENT_PART.test(value);
  /** @param {string} value */
  const snippet = (value) => value.replace(/\s+/g, ' ').trim().slice(0, 60);

  /** @param {ts.Node} node */
  const visit = (node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (readsAsSql(node.text)) report(node, `SQL text "${snippet(node.text)}"`);
    } else if (ts.isTemplateExpression(node)) {
      const value = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(
        ' ? ',
      );
      if (readsAsSql(value)) report(node, `SQL text "${snippet(value)}"`);
      // Its parts are not checked again one by one.
      node.templateSpans.forEach((span) => visit(span.expression));
      return;
    } else if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      RUNS.has(node.expression.name.text) &&
      ts.isIdentifier(node.expression.expression) &&
      HANDLES.has(node.expression.expression.text)
    ) {
      report(node, `a statement run on "${node.expression.expression.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * Every checked file below `root`, with what it holds.
 * @param {string} root
 * @returns {{ file: string; line: number; column: number; what: string }[]}
 */
function checkTree(root) {
  /** @type {{ file: string; line: number; column: number; what: string }[]} */
  const found = [];
  /** @param {string} dir */
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(full);
        continue;
      }
      const relative = path.relative(root, full).split(path.sep).join('/');
      if (
        !relative.endsWith('.ts') ||
        relative.endsWith('.spec.ts') ||
        EXEMPT.test(relative) ||
        !CHECKED.some((pattern) => pattern.test(relative))
      ) {
        continue;
      }
      for (const place of findSql(full, fs.readFileSync(full, 'utf8'))) {
        found.push({ file: path.relative(process.cwd(), full), ...place });
      }
    }
  };
  walk(root);
  return found;
}

if (require.main === module) {
  const root = path.resolve(process.argv[2] ?? 'src');
  const found = checkTree(root);
  for (const place of found) {
    process.stderr.write(
      `${place.file}:${place.line}:${place.column}  ${place.what}: SQL belongs in a *.repository.ts\n`,
    );
  }
  if (found.length > 0) {
    process.stderr.write(
      `check-sql-placement: ${found.length} place(s) with SQL outside a repository\n`,
    );
    process.exit(1);
  }
}

module.exports = { findSql, checkTree };
