/// One value of a table. Numbers stay numbers so spreadsheets and R read
/// them as such.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Shared, so a report's wide and long tables (often the same rows) and
    /// the workbench's preview hold one copy of each quote, not three.
    Text(std::sync::Arc<str>),
    Int(i64),
    /// A percentage, printed with one decimal.
    Percent(f64),
    /// A ratio such as a similarity, printed with three decimals.
    Ratio(f64),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into().into())
    }

    /// The cell as printed, without any format-specific escaping.
    pub fn display(&self) -> String {
        match self {
            Cell::Text(s) => s.to_string(),
            Cell::Int(n) => n.to_string(),
            Cell::Percent(p) => format!("{p:.1}"),
            Cell::Ratio(r) => format!("{r:.3}"),
        }
    }

    pub fn is_number(&self) -> bool {
        !matches!(self, Cell::Text(_))
    }
}

impl From<usize> for Cell {
    fn from(n: usize) -> Cell {
        Cell::Int(n as i64)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.into())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s.into())
    }
}

/// A rectangular table with named columns: what every exporter writes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(title: impl Into<String>, columns: Vec<String>) -> Self {
        Table {
            title: title.into(),
            columns,
            rows: Vec::new(),
        }
    }

    /// Index of a column by name.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }
}

/// A finished analysis: the table to read (wide), the same numbers one
/// observation per row (long, for R and pandas), and notes on how it was
/// counted.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    pub title: String,
    pub wide: Table,
    pub long: Table,
    pub notes: Vec<String>,
}
