//! The synthetic project: N unions generated deterministically from the example unions.

use super::*;

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// splitmix64: small, deterministic, good enough to vary the unions.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5EED_0000_4B55_41A1)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

/// An item of the base's purposes.
struct BaseItem {
    id: String,
    group: String,
    text: String,
}

fn base_items(root: &Path) -> Vec<BaseItem> {
    let text = fs::read_to_string(root.join("content/purposes.toml")).unwrap();
    let doc: toml::Table = toml::from_str(&text).unwrap();
    let mut items = Vec::new();
    for section in doc["section"].as_array().unwrap() {
        let sid = section["id"].as_str().unwrap();
        for group in section["group"].as_array().unwrap() {
            let gid = format!("{sid}.{}", group["id"].as_str().unwrap());
            for item in group
                .get("item")
                .and_then(|i| i.as_array())
                .into_iter()
                .flatten()
            {
                items.push(BaseItem {
                    id: format!("{gid}.{}", item["id"].as_str().unwrap()),
                    group: gid.clone(),
                    text: item["text"].as_str().unwrap().to_string(),
                });
            }
        }
    }
    items
}

/// The base item whose text the base-change measurement edits; the generator leaves it alone so
/// that every list-layout or table-layout purposes page shows the base's text for it.
const BASE_EDIT_ITEM: &str = "benefits.internal.payment";
pub(crate) const BASE_EDIT_OLD: &str = "text = \"保険給付及び付加給付の実施\"";
pub(crate) const BASE_EDIT_NEW: &str = "text = \"保険給付及び付加給付の実施並びにその記録の管理\"";

/// One example union to vary.
struct Template {
    slug: String,
    text: String,
    name: String,
    /// Markdown files in `unions/<slug>/`.
    pages: Vec<(String, String)>,
    /// Every `"a.b…"` string the file mentions (ids of items, groups, sections it touches).
    mentioned: BTreeSet<String>,
}

impl Template {
    fn has_table(&self, header: &str) -> bool {
        self.text.lines().any(|l| l.trim() == header)
    }
}

fn templates() -> Vec<Template> {
    let dir = repo().join("unions");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let slug = path.file_stem().unwrap().to_string_lossy().into_owned();
            let text = fs::read_to_string(&path).unwrap();
            let name = text
                .lines()
                .find_map(|l| l.strip_prefix("name = \""))
                .and_then(|l| l.strip_suffix('"'))
                .expect("the template names its union")
                .to_string();
            let mut pages = Vec::new();
            if let Ok(entries) = fs::read_dir(dir.join(&slug)) {
                for e in entries {
                    let p = e.unwrap().path();
                    if p.extension().is_some_and(|x| x == "md") {
                        pages.push((
                            p.file_name().unwrap().to_string_lossy().into_owned(),
                            fs::read_to_string(&p).unwrap(),
                        ));
                    }
                }
            }
            pages.sort();
            let mentioned = text
                .split('"')
                .skip(1)
                .step_by(2)
                .filter(|s| {
                    s.contains('.')
                        && s.chars().all(|c| {
                            c.is_ascii_lowercase() || c.is_ascii_digit() || "-.".contains(c)
                        })
                })
                .map(str::to_string)
                .collect();
            Template {
                slug,
                text,
                name,
                pages,
                mentioned,
            }
        })
        .collect()
}

const PREFECTURES: &[&str] = &[
    "北海道",
    "青森",
    "岩手",
    "宮城",
    "秋田",
    "山形",
    "福島",
    "茨城",
    "栃木",
    "群馬",
    "埼玉",
    "千葉",
    "東京",
    "神奈川",
    "新潟",
    "富山",
    "石川",
    "福井",
    "山梨",
    "長野",
    "岐阜",
    "静岡",
    "愛知",
    "三重",
    "滋賀",
    "京都",
    "大阪",
    "兵庫",
    "奈良",
    "和歌山",
    "鳥取",
    "島根",
    "岡山",
    "広島",
    "山口",
    "徳島",
    "香川",
    "愛媛",
    "高知",
    "福岡",
    "佐賀",
    "長崎",
    "熊本",
    "大分",
    "宮崎",
    "鹿児島",
    "沖縄",
];
const INDUSTRIES: &[&str] = &[
    "電機",
    "機器",
    "化学",
    "商事",
    "印刷",
    "運輸",
    "食品",
    "建設",
    "製薬",
    "鉄鋼",
    "繊維",
    "情報",
    "金融",
    "百貨店",
    "自動車",
    "電子",
    "精密",
    "造船",
    "出版",
    "放送",
    "物流",
    "薬品",
    "硝子",
    "紙業",
];
const COMPANIES: &[&str] = &[
    "日本データサービス",
    "健診ネットワーク",
    "メディカルプラン",
    "保健支援センター",
    "ヘルスケア情報",
    "レセプト点検協会",
    "医療費分析研究所",
    "健康管理システム",
    "ライフサポート",
    "ウェルネス総研",
    "予防医療サービス",
    "ファミリー保健",
];
const EXTRA_ITEMS: &[&str] = &[
    "被保険者等への健康情報誌の送付",
    "保養施設の利用者の受付及び利用料金の精算",
    "禁煙支援プログラムの実施及びその効果の測定",
    "歯科健診の実施及びその結果に基づく受診勧奨",
    "女性の健康に関する相談窓口の運営",
    "インフルエンザ予防接種の費用補助",
    "育児支援事業に係る情報提供",
    "健康ポイント事業の運営の委託",
];
const REWORDINGS: &[&str] = &[
    "並びにこれに付随する業務",
    "及びその結果の記録",
    "（委託先における処理を含む）",
    "並びに関連する事務の実施",
];

fn union_name(i: usize) -> String {
    let pref = PREFECTURES[i % PREFECTURES.len()];
    let ind = INDUSTRIES[(i / PREFECTURES.len()) % INDUSTRIES.len()];
    let round = i / (PREFECTURES.len() * INDUSTRIES.len());
    if round == 0 {
        format!("{pref}{ind}健康保険組合")
    } else {
        format!("{pref}{ind}第{}健康保険組合", round + 1)
    }
}

fn phone(rng: &mut Rng) -> String {
    let area = ["03", "06", "04", "05"][rng.below(4)];
    format!(
        "{area}-{:04}-{:04}",
        1000 + rng.below(9000),
        rng.below(10000)
    )
}

fn postal(rng: &mut Rng) -> String {
    format!("{:03}-{:04}", 100 + rng.below(900), rng.below(10000))
}

/// Replaces the value of every `key = "…"` in `text` with a fresh one.
fn replace_values(text: &str, key: &str, mut fresh: impl FnMut() -> String) -> String {
    let needle = format!("{key} = \"");
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(&needle) {
        let start = at + needle.len();
        let end = start + rest[start..].find('"').unwrap();
        out.push_str(&rest[..start]);
        out.push_str(&fresh());
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// One generated union: its slug, name, override text and own Markdown files.
pub(crate) struct Generated {
    pub(crate) slug: String,
    pub(crate) name: String,
    pub(crate) text: String,
    pub(crate) pages: Vec<(String, String)>,
    pub(crate) table_layout: bool,
}

fn generate_union(i: usize, t: &Template, base: &[BaseItem]) -> Generated {
    let mut rng = Rng::new(i as u64);
    let slug = format!("{}-{i:05}", t.slug);
    let name = union_name(i);
    let mut text = t.text.replace(&t.name, &name);
    let mut pages: Vec<(String, String)> = t
        .pages
        .iter()
        .map(|(f, body)| (f.clone(), body.replace(&t.name, &name)))
        .collect();
    text = replace_values(&text, "phone", || phone(&mut rng));
    text = replace_values(&text, "postal_code", || postal(&mut rng));
    if i % 3 == 1 && !text.contains("self_name = ") {
        text = text.replacen(
            &format!("name = \"{name}\"\n"),
            &format!("name = \"{name}\"\nself_name = \"当健保組合\"\n"),
            1,
        );
    }
    let mut extra = String::from("\n# ── generated by benches/scale.rs ──\n");

    // Dates, layout and windows where the example does not set them.
    if !t.has_table("[dates]") {
        let _ = writeln!(
            extra,
            "[dates]\npublished = 2024-{:02}-{:02}\n",
            1 + rng.below(12),
            1 + rng.below(28)
        );
    }
    let mut table_layout = t.text.contains("layout = \"table\"");
    if !t.has_table("[presentation]") && i % 2 == 1 {
        table_layout = true;
        extra.push_str("[presentation]\nlayout = \"table\"\nlabel_style = \"angle\"\n\n");
    }
    if !t.has_table("[[contacts]]") && i.is_multiple_of(5) {
        let _ = writeln!(
            extra,
            "[[contacts]]\ndepartment = \"{name} 業務部\"\npostal_code = \"{}\"\naddress = \"{}市中央1-{}-{}\"\nphone = \"{}\"\nhours = \"9:00～17:00\"\nclosed = \"土曜、日曜、祝日、年末年始\"\n",
            postal(&mut rng),
            PREFECTURES[i % PREFECTURES.len()],
            1 + rng.below(9),
            1 + rng.below(30),
            phone(&mut rng),
        );
    }

    // Items: every id at most once, never one the example already touches; none for an example
    // that shows sections of its own instead of the base's (`[purposes] base = false`).
    let base_off = t.has_table("[purposes]") && t.text.contains("base = false");
    let mut free: Vec<&BaseItem> = base
        .iter()
        .filter(|b| !base_off && b.id != BASE_EDIT_ITEM && !t.mentioned.contains(&b.id))
        .collect();
    let group_size = |g: &str| base.iter().filter(|b| b.group == g).count();
    let mut take = |rng: &mut Rng, pred: &dyn Fn(&BaseItem) -> bool| -> Option<&BaseItem> {
        let candidates: Vec<usize> = (0..free.len()).filter(|&k| pred(free[k])).collect();
        if candidates.is_empty() {
            return None;
        }
        Some(free.remove(candidates[rng.below(candidates.len())]))
    };
    // Removed: at most one per group, only from groups of three or more.
    let mut emptied = BTreeSet::new();
    for _ in 0..rng.below(3) {
        let groups = emptied.clone();
        if let Some(item) = take(&mut rng, &|b: &BaseItem| {
            group_size(&b.group) >= 3 && !groups.contains(&b.group)
        }) {
            emptied.insert(item.group.clone());
            let _ = writeln!(extra, "[[item]]\nid = \"{}\"\nremove = true\n", item.id);
        }
    }
    // Reworded.
    for _ in 0..rng.below(4) {
        if let Some(item) = take(&mut rng, &|_: &BaseItem| true) {
            let suffix = REWORDINGS[rng.below(REWORDINGS.len())];
            let _ = writeln!(
                extra,
                "[[item]]\nid = \"{}\"\ntext = \"{}{suffix}\"\n",
                item.id, item.text
            );
        }
    }
    // Contractors, attached to external items, where the example defines none.
    let mut contractors = Vec::new();
    if !t.has_table("[contractors]") && rng.chance(3) {
        extra.push_str("[contractors]\n");
        for k in 0..1 + rng.below(3) {
            let company = COMPANIES[(i + 5 * k) % COMPANIES.len()];
            let key = format!("c{k}");
            let _ = writeln!(
                extra,
                "{key} = {{ name = \"（株）{company}\", phone = \"{}\" }}",
                phone(&mut rng)
            );
            contractors.push(key);
        }
        extra.push('\n');
        for _ in 0..1 + rng.below(2) {
            if let Some(item) = take(&mut rng, &|b: &BaseItem| b.group.ends_with(".external")) {
                let list = contractors
                    .iter()
                    .map(|c| format!("\"{c}\""))
                    .collect::<Vec<_>>()
                    .join(", ");
                let _ = writeln!(
                    extra,
                    "[[item]]\nid = \"{}\"\ncontractors = [{list}]\n",
                    item.id
                );
            }
        }
    }
    // Added.
    let groups = [
        "benefits.external",
        "health.internal",
        "health.external",
        "premiums.internal",
    ];
    for k in 0..if base_off { 0 } else { rng.below(3) } {
        let group = groups[rng.below(groups.len())];
        let _ = write!(
            extra,
            "[[new_item]]\nid = \"{group}.bench-extra-{k}\"\ntext = \"{}\"\n",
            EXTRA_ITEMS[rng.below(EXTRA_ITEMS.len())]
        );
        if !contractors.is_empty() && rng.chance(2) {
            let _ = writeln!(extra, "contractors = [\"{}\"]", contractors[0]);
        }
        extra.push('\n');
    }

    // An added Markdown page for three unions in four.
    if i % 4 != 3 {
        let sections = 1 + rng.below(3);
        let mut md = format!(
            "{name}（以下「当組合」という。）は、保有する個人情報を次のとおり保存し、廃棄します。\n"
        );
        let kinds = [
            ("届出書類", "5年"),
            ("レセプト", "5年"),
            ("健診結果", "5年"),
            ("給付記録", "10年"),
        ];
        for s in 0..sections {
            let _ = write!(
                md,
                "\n## {}. 保存と廃棄（その{}）\n\n当組合は、個人データを利用目的の達成に必要な期間保存し、期間の経過後は、紙媒体はシュレッダーによる裁断又は溶解処理により、電子媒体は復元できない方法により、遅滞なく廃棄します。\n\n| 種類 | 保存期間 |\n|---|---|\n",
                s + 1,
                s + 1
            );
            for (kind, years) in kinds {
                let _ = writeln!(md, "| {kind} | {years} |");
            }
            md.push_str("\n- 廃棄の記録は3年間保存します。\n- 委託先に廃棄を委託する場合は、証明書の提出を求めます。\n");
        }
        pages.push(("storage.md".to_string(), md));
        extra.push_str(
            "[[new_page]]\nid = \"storage\"\ntitle = \"個人情報の保存と廃棄\"\nfile = \"storage.md\"\n",
        );
    }
    text.push_str(&extra);
    Generated {
        slug,
        name,
        text,
        pages,
        table_layout,
    }
}

/// Writes the project for `n` unions under `root`; returns the generated unions.
pub(crate) fn generate_project(root: &Path, n: usize) -> Vec<Generated> {
    copy_dir(&repo().join("content"), &root.join("content"));
    copy_dir(&repo().join("themes"), &root.join("themes"));
    fs::copy(repo().join("kumiai.toml"), root.join("kumiai.toml")).unwrap();
    let unions = root.join("unions");
    fs::create_dir_all(&unions).unwrap();
    let base = base_items(root);
    let templates = templates();
    let mut all = Vec::with_capacity(n);
    for i in 0..n {
        let g = generate_union(i, &templates[i % templates.len()], &base);
        fs::write(unions.join(format!("{}.toml", g.slug)), &g.text).unwrap();
        if !g.pages.is_empty() {
            let dir = unions.join(&g.slug);
            fs::create_dir_all(&dir).unwrap();
            for (file, body) in &g.pages {
                fs::write(dir.join(file), body).unwrap();
            }
        }
        all.push(g);
    }
    all
}
