//! Term weights shared by the features and the stories: sublinear term frequency and the IDF
//! smoothed by the background prior.

/// How many documents the background prior counts as, against the batch's own: a batch of a
/// thousand documents weighs as much as the prior, a firehose outweighs it.
pub const PRIOR_DOCS: f64 = 1000.0;

/// The IDF of a term from its counts; see [`Idf`](crate::story::Idf).
pub(crate) fn idf(docs: u32, df: u32, prior: f32) -> f32 {
    let n = f64::from(docs) + PRIOR_DOCS + 1.0;
    let d = f64::from(df) + PRIOR_DOCS * f64::from(prior) + 1.0;
    ((n / d).ln() + 1.0) as f32
}

/// Sublinear term frequency.
pub(crate) fn tf(count: f32) -> f32 {
    1.0 + count.ln()
}
