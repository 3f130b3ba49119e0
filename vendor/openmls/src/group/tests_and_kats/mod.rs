#[cfg(test)]
mod kats;
#[cfg(test)]
mod tests;
#[cfg(test)]
pub(crate) mod utils;
