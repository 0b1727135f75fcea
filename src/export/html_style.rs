//! The PI report's stylesheet: readable on screen (boards scroll sideways there), and on paper
//! every column of every board fits the page width, A4 or Letter: columns shrink and their text
//! wraps, tables have fixed layouts, each board starts a page, dark backgrounds are off.

/// Rules for every medium: type, tables, cards.
const COMMON: &str = "body{font-family:system-ui,sans-serif;margin:24px;color:#222}\
h1{margin-bottom:4px}.subtitle{color:#555;margin-top:0}h2{margin-top:32px}\
table.report{border-collapse:collapse;width:100%;table-layout:fixed;margin:8px 0 16px}\
table.report th,table.report td{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top;\
font-size:13px;overflow-wrap:anywhere;word-break:break-word}\
table.report th{background:#f3f4f6}.num{text-align:right}.stretch{color:#7a5c00;font-size:11px}\
.late{color:#d62728;font-weight:600}.heard{color:#d62728;font-weight:600}\
.feature{display:block;margin-bottom:4px}\
.board{display:flex;gap:12px;align-items:flex-start}\
.col{background:#f3f4f6;border-radius:8px;padding:8px;min-width:200px;max-width:260px}\
.col h3{font-size:14px;margin:4px 0 8px}.col.over h3 .wip{background:#d62728;color:#fff;border-radius:4px;padding:0 4px}\
.card{background:#fff;border-radius:6px;padding:6px 8px;margin-bottom:8px;box-shadow:0 1px 2px #0002;font-size:13px;\
overflow-wrap:anywhere;word-break:break-word}\
.id{color:#1f77b4;font-weight:600}.kind{color:#666;font-size:11px}.blocked{color:#d62728;font-weight:600}\
.meta{color:#555;font-size:11px;margin-top:4px}svg{max-width:100%;height:auto}";

/// On screen a wide board scrolls sideways inside the page.
const SCREEN: &str = "@media screen{.board{overflow-x:auto}}";

/// On paper: the page size with margins (A4; a Letter printer keeps the layout, which is in
/// percentages of the page), each board a table of equal columns that always fits the width.
const PRINT: &str = "@page{size:A4;margin:12mm}\
@media print{body{margin:0;font-size:10pt;color:#000}\
*{background:transparent !important;color:#000 !important;box-shadow:none !important}\
.board-section{break-before:page;page-break-before:always}\
.board{display:table;table-layout:fixed;width:100%;border-spacing:4px 0;overflow:visible}\
.col{display:table-cell;vertical-align:top;min-width:0;max-width:none;border:1px solid #999;padding:4px;\
overflow-wrap:anywhere;word-break:break-word}\
.col h3{font-size:9pt}.col.over h3 .wip{border:1px solid #000;font-weight:700}\
.card{border:1px solid #bbb;padding:3px 4px;font-size:8pt;break-inside:avoid;page-break-inside:avoid}\
table.report{table-layout:fixed;width:100%}table.report th,table.report td{font-size:9pt;\
overflow-wrap:anywhere;word-break:break-word}thead{display:table-header-group}\
tr{break-inside:avoid;page-break-inside:avoid}h2,h3{break-after:avoid;page-break-after:avoid}\
svg{max-width:100%;height:auto;break-inside:avoid}}";

/// The whole stylesheet, for the report's `<style>`.
pub fn stylesheet() -> String {
    format!("{COMMON}{SCREEN}{PRINT}")
}
