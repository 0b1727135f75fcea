//! Where a status sits in the workflow: to do, in progress or done. Columns are ordered by it,
//! the done column last. Read from Jira's `Status Category`, else guessed from the name.

/// A status's place in the workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    ToDo,
    InProgress,
    Done,
}

fn plain(text: &str) -> String {
    text.trim().to_lowercase().replace(['-', '_'], " ")
}

impl Category {
    /// A `Status Category` value (English, French, German or Spanish), if it is one.
    pub fn from_label(text: &str) -> Option<Category> {
        match plain(text).as_str() {
            "to do" | "todo" | "new" | "à faire" | "a faire" | "zu erledigen" | "offen" | "por hacer"
            | "tareas por hacer" => Some(Category::ToDo),
            "in progress" | "en cours" | "in arbeit" | "en curso" | "en progreso" | "indeterminate" => {
                Some(Category::InProgress)
            }
            "done" | "terminé" | "termine" | "fertig" | "erledigt" | "listo" | "hecho" | "complete" => {
                Some(Category::Done)
            }
            _ => None,
        }
    }

    /// A guess from a status name (Jira, Azure DevOps and common custom workflows).
    pub fn guess(status: &str) -> Category {
        match plain(status).as_str() {
            "to do"
            | "todo"
            | "open"
            | "new"
            | "backlog"
            | "funnel"
            | "proposed"
            | "reviewing"
            | "selected for development"
            | "ready"
            | "à faire"
            | "ouvert"
            | "nouveau"
            | "offen"
            | "neu"
            | "abierto"
            | "nuevo" => Category::ToDo,
            "done" | "closed" | "resolved" | "released" | "removed" | "cancelled" | "canceled" | "won't do"
            | "complete" | "completed" | "terminé" | "fermé" | "résolu" | "erledigt" | "fertig" | "geschlossen"
            | "cerrado" | "hecho" | "listo" => Category::Done,
            _ => Category::InProgress,
        }
    }

    /// A status's rank among statuses of the same category (Azure's known states in workflow
    /// order; unknown names keep the order they were first seen in).
    pub fn known_rank(status: &str) -> usize {
        const ORDER: [&str; 14] = [
            "funnel",
            "proposed",
            "new",
            "to do",
            "approved",
            "analyzing",
            "backlog",
            "committed",
            "active",
            "doing",
            "in progress",
            "resolved",
            "closed",
            "done",
        ];
        ORDER.iter().position(|s| *s == plain(status)).unwrap_or(usize::MAX)
    }
}
