# Jalin — the workbench: menus, panels, dialogs, status bar, tooltips, the Help window (id).
# Keys are kebab-case and start with the area (menu-, panel-, status-, …).
