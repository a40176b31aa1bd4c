# Jalin — reports: titles, column headers, notes, chart labels, review sheets, the loss report (en).
# Keys are kebab-case and start with the area (menu-, panel-, status-, …).
