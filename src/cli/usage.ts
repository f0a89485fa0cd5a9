export const CLI_USAGE = `Vigie: crisis-watch bot for Slack and Microsoft Teams.

Usage: vigie <subcommand> [options]

  start                              run the bot (local mode on stdin when no Slack/Teams credentials are set)
  <command> [args]                   run one chat command against the local store, e.g.
                                     vigie watch acme "Acme OR #acme" · vigie list · vigie status · vigie help
  classify [--lang xx]               sentiment of JSONL lines on stdin ({"text": …}) → JSONL on stdout
  categorize                         crisis category of JSONL lines on stdin → JSONL on stdout
  suggest --incident f.json [--lang fr]
                                     category, evidence and suggested responses for an incident
  detect --input f.csv [--bucket 5m] NAB-format series → timestamp,anomaly_score (the bot's own decisions)
  backtest --plan p.json --mentions m.jsonl [--from ISO] [--to ISO] [--json]
                                     replay past mentions through the live pipeline and list the incidents
  migrate                            create or update the PostgreSQL schema (DATABASE_URL)
  export [--out f.json]              every plan, incident and state of the store in use, as one JSON dump
  import --in f.json                 load a dump into an empty store (lowdb ⇄ PostgreSQL upgrade path)

Chat commands (Slack /vigie, a Teams @mention, or a line on stdin in local mode):
  help, watch, add, exclude, competitor, news, source, unsource, set, list, show, pause, resume, remove, test,
  status, plan. Type "vigie help" for details.

Settings come from the environment (see .env.example).
`;
