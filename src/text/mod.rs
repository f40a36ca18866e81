//! Text rules of our own that every later stage shares: `{{ … }}` placeholders, 和暦 dates,
//! company names and phone numbers, readings (50音) and prefectures, page file names and URLs,
//! section and item numbers.

pub mod company;
pub mod kana;
pub mod limits;
pub mod numbering;
pub mod placeholders;
pub mod url;
pub mod wareki;
