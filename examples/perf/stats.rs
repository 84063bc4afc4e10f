//! Medians and percentiles of timing samples, printed in milliseconds.

use std::time::Duration;

pub struct Stats {
    sorted: Vec<f64>,
}

impl Stats {
    pub fn new(samples: &[Duration]) -> Stats {
        let mut sorted: Vec<f64> = samples.iter().map(|d| d.as_secs_f64() * 1e3).collect();
        sorted.sort_by(f64::total_cmp);
        Stats { sorted }
    }

    /// The `p`-th percentile (nearest rank), in ms.
    pub fn pct(&self, p: f64) -> f64 {
        if self.sorted.is_empty() {
            return f64::NAN;
        }
        let rank = ((p / 100.0) * self.sorted.len() as f64).ceil() as usize;
        self.sorted[rank.clamp(1, self.sorted.len()) - 1]
    }

    pub fn max(&self) -> f64 {
        self.sorted.last().copied().unwrap_or(f64::NAN)
    }

    pub fn line(&self) -> String {
        format!(
            "n={:<4} median {:>8.2} ms  p99 {:>8.2} ms  max {:>8.2} ms",
            self.sorted.len(),
            self.pct(50.0),
            self.pct(99.0),
            self.max()
        )
    }
}
