# Jalin — what goes wrong: project files, imports, input files (en).
# Keys are kebab-case and start with the area (menu-, panel-, status-, …).
