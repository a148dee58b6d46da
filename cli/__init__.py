"""The `sgkb` command: thin subcommands over the knowledge base (sgkb.service)."""
