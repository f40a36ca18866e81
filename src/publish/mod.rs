//! What is published, judged as published: the items 個人情報保護法 Art. 32 and 施行令 Art. 10 ask
//! a union to publish, looked for in the pages the build made (`legal`), and the record of which
//! of them a published site has, so that a new build never takes one away (`gate`).

mod gate;
mod legal;
mod page_text;

use std::path::Path;

pub use gate::Gate;

use crate::diagnostic::Diagnostic;
use crate::lint::locate::Texts;
use crate::load::UnionFile;
use crate::model::UnionSite;
use crate::render::OutputFile;

/// One thing the law asks a union to publish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LegalItem {
    Name,
    Address,
    Representative,
    Purposes,
    Requests,
    Fee,
    Safety,
    Abroad,
    Complaints,
}

impl LegalItem {
    /// Every item, in the order of Art. 32.
    pub const ALL: [LegalItem; 9] = [
        LegalItem::Name,
        LegalItem::Address,
        LegalItem::Representative,
        LegalItem::Purposes,
        LegalItem::Requests,
        LegalItem::Fee,
        LegalItem::Safety,
        LegalItem::Abroad,
        LegalItem::Complaints,
    ];

    /// The lint rule that reports it missing.
    pub fn rule(self) -> &'static str {
        match self {
            LegalItem::Name => "legal-name",
            LegalItem::Address => "legal-address",
            LegalItem::Representative => "legal-representative",
            LegalItem::Purposes => "legal-purposes",
            LegalItem::Requests => "legal-requests",
            LegalItem::Fee => "legal-fee",
            LegalItem::Safety => "legal-safety",
            LegalItem::Abroad => "legal-abroad",
            LegalItem::Complaints => "legal-complaints",
        }
    }

    /// What it is, in Japanese, for summaries and the report.
    pub fn ja(self) -> &'static str {
        match self {
            LegalItem::Name => "名称",
            LegalItem::Address => "住所",
            LegalItem::Representative => "代表者",
            LegalItem::Purposes => "利用目的",
            LegalItem::Requests => "開示等の手続",
            LegalItem::Fee => "手数料",
            LegalItem::Safety => "安全管理措置",
            LegalItem::Abroad => "外的環境の把握",
            LegalItem::Complaints => "苦情の申出先",
        }
    }

    /// The item whose rule is `rule`.
    pub fn of_rule(rule: &str) -> Option<LegalItem> {
        LegalItem::ALL.into_iter().find(|i| i.rule() == rule)
    }
}

/// Every Art. 32 item the rendered union lacks, each as a finding at the place to fix it.
/// `site` is the union as rendered (placeholders filled); `files` its rendered files.
pub fn judge(
    site: &UnionSite,
    file: &UnionFile,
    files: &[OutputFile],
    root: &Path,
) -> Vec<(LegalItem, Diagnostic)> {
    let texts = Texts::of(file);
    let published = legal::Published::new(site, &texts, root, files);
    legal::check(&published)
}
