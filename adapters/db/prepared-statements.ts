// Hot statements prepared once per PostgreSQL connection. A statement whose SQL begins with
// `/* prepared: name */` is parsed and planned by the server the first time a connection runs it and
// only executed after that (for the large filing statement that was about a third of the server's time
// per filing); every other statement stays unnamed, as Prisma sends it, so each connection's cache holds
// only these few.
// One name must always go with one SQL text: pg refuses a second text under a name it has prepared.

const MARKER = /^\s*\/\* prepared: ([a-z][a-z0-9_]*) \*\//;

/**
 * For PrismaPg's `statementNameGenerator`: the name a marked statement is prepared under, and "" (the
 * unnamed statement) for every other one.
 * @example preparedStatementName({ sql: "/* prepared: file_case *\/ INSERT ..." }) === "yizhan_file_case"
 */
export function preparedStatementName(query: { sql: string }): string {
  const name = MARKER.exec(query.sql)?.[1];
  return name === undefined ? "" : `yizhan_${name}`;
}
