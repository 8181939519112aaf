"""Golden JSON answers of every CLI command on the bundled data (see cases.py and scripts/golden)."""
