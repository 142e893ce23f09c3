"""Files people download: CSV, XLSX and the SQLite dataset, each cell formula-safe (cells.py)."""
