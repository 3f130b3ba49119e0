mod kats;
mod tests;
pub(crate) mod utils;
