//! Memory settings for the process, made once at start.
//!
//! glibc serves large allocations (a board file read whole, a column's list of items) from
//! `mmap` only until the first one is freed; then it raises the threshold and later large
//! buffers come from the heap, where freeing them leaves holes the small allocations of the
//! parsed items spread across. Keeping the threshold fixed hands those buffers back to the
//! system when they are freed: a 100,000-item workspace peaks about a seventh lower.

/// Fixes glibc's threshold for serving an allocation by `mmap` at its default (128 KiB).
pub fn tune() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator settings; any value is accepted or refused.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}
