# Jalin — reports: titles, column headers, notes, chart labels, review sheets, the loss report (id).
# Keys are kebab-case and start with the area (menu-, panel-, status-, …).
