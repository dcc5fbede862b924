//! Shared by the harnesses: a panic hook that makes a panic in scorecard's own
//! code a crash for the fuzzer, while a panic inside a dependency (which the
//! tool catches and reports as an unreadable workbook) is left to be caught.

/// Installs the hook once.
pub fn crash_on_our_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let in_dependency = info
                .location()
                .is_some_and(|l| l.file().contains(".cargo/registry") || l.file().contains("/rustc/"));
            if !in_dependency {
                eprintln!("{info}");
                std::process::abort();
            }
        }));
    });
}
