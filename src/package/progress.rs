//! Progress of the long steps (hashing, packing, verifying, reading received packages) for people,
//! without printing anything here: the caller passes a [`Progress`]. The command line's draws a bar
//! on a terminal, the web page keeps its own, [`Silent`] says nothing (tests, pipes).

/// One step's counter.
pub trait Bar: Send + Sync {
    fn inc(&self, n: u64);
    /// The step is over (the bar is cleared).
    fn finish(&self);
}

/// Where progress goes.
pub trait Progress: Sync {
    /// A step of `total` units begins — bytes when `bytes`, else items — named `what` for people.
    fn step(&self, total: u64, what: &str, bytes: bool) -> Box<dyn Bar>;
    /// A stage of a whole build begins, `percent` of the way (the web page's bar).
    fn stage(&self, _percent: u32, _what: &str) {}
}

/// No progress shown.
pub struct Silent;

struct NoBar;

impl Bar for NoBar {
    fn inc(&self, _: u64) {}
    fn finish(&self) {}
}

impl Progress for Silent {
    fn step(&self, _: u64, _: &str, _: bool) -> Box<dyn Bar> {
        Box::new(NoBar)
    }
}

/// A counter that shows nothing, for steps too small to report.
pub fn no_bar() -> Box<dyn Bar> {
    Box::new(NoBar)
}
