"""The diagnostic's domain logic: definitions, progress, answers, cycles, trend, import/export.

Views, commands and reports call these; nothing here renders pages.
"""
