# Jalin — the command line: help texts and messages (id).
# Keys are kebab-case and start with the area (menu-, panel-, status-, …).
