"""Exchange with peer systems: importers from and exporters to their formats."""
