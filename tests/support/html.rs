//! Checks on exported HTML shared by the export and PI report tests.

#![allow(dead_code)]

/// Fails unless every element `html` opens is closed, in order (quick-xml reads it as XML).
pub fn assert_well_formed(html: &str) {
    let mut reader = quick_xml::Reader::from_str(html);
    let mut depth = 0i32;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed at {}: {e}", reader.buffer_position()),
        }
        assert!(depth >= 0);
    }
    assert_eq!(depth, 0, "every element is closed");
}
