"""Built-in instrument definitions, one TOML file each (see tiwell.instrument)."""
