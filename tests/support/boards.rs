//! Two small boards the end-to-end tests share: a team board with WIP limits and the program
//! board holding its feature.

#![allow(dead_code)]

pub const TEAM: &str = r#"Board(
    name: "Alpha",
    level: Team,
    columns: [(name: "Backlog"), (name: "Ready", wip: 2), (name: "In Progress", wip: 1), (name: "Accepted")],
    items: [
        (id: "S-1", title: "Redesign the results list", column: "Backlog", parent: "F-1", points: 3),
        (id: "S-2", title: "Integrate the catalogue API", column: "Backlog", parent: "F-1", points: 5),
        (id: "S-3", title: "Optimize performance", column: "Ready", points: 2),
    ],
)
"#;

pub const ART: &str = r#"Board(
    name: "Mobile ART",
    level: Program,
    columns: [(name: "Funnel"), (name: "Implementing", wip: 4), (name: "Done")],
    items: [
        (id: "F-1", title: "Smarter search", column: "Implementing", team: "Alpha", tags: ["search"]),
    ],
)
"#;
