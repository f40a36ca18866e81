//! Text rules of our own that every later stage shares: `{{ … }}` placeholders, 和暦 dates,
//! company names and phone numbers, page file names and URLs.

pub mod company;
pub mod limits;
pub mod placeholders;
pub mod url;
pub mod wareki;
