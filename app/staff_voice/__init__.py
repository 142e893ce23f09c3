"""Staff-voice waves: launching them, their public link, single-use access codes, QR codes and
the printable code sheet. Counting lives in app/analysis, never here."""
