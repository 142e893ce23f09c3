"""Themes in free text: discovery, analyst sign-off, mapping and agreement (docs/themes.md)."""
