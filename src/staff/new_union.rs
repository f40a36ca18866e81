//! `kumiai new SLUG --name 名称`: a new override file with every option present but commented.
//!
//! The file is ready to build as written (only `[union] name` is set). Lines starting with `# `
//! are examples of every option of the format, with realistic values that refer to each other
//! (the contractors the items name are defined above them, and so on); lines starting with `##`
//! explain. Deleting the `# ` of an example makes it count.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::diagnostic::Lang;
use crate::load::union::is_valid_slug;

/// Why `kumiai new` wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum NewUnionError {
    #[error(
        "`{0}` is not a valid union slug: use lowercase ASCII letters, digits and single hyphens, e.g. `tokyo-kiki` (it becomes the web folder)"
    )]
    InvalidSlug(String),
    #[error("the union's name is empty: give its official name, e.g. --name 東京機器健康保険組合")]
    EmptyName,
    #[error("the union's name must be one line of text without `{{{{` or `}}}}`: {0:?}")]
    InvalidName(String),
    #[error(
        "{} is not a kumiai project (there is no kumiai.toml): run this in the project folder or give --root",
        .0.display()
    )]
    NotAProject(PathBuf),
    #[error(
        "{} already exists: kumiai new never overwrites a file; edit it, or choose another slug",
        .0.display()
    )]
    Exists(PathBuf),
    #[error("cannot write {}: {}", .0.display(), .1)]
    Io(PathBuf, io::Error),
}

impl NewUnionError {
    /// The message in the given language.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Ja => match self {
                NewUnionError::InvalidSlug(slug) => format!(
                    "`{slug}` は組合の識別名（スラッグ）に使えません。英小文字・数字・ハイフンで書いてください（例: tokyo-kiki）。サイトのフォルダ名になります"
                ),
                NewUnionError::EmptyName => {
                    "組合の名称が空です。正式名称を指定してください（例: --name 東京機器健康保険組合）"
                        .to_string()
                }
                NewUnionError::InvalidName(name) => format!(
                    "組合の名称は1行で、`{{{{` や `}}}}` を含まない文字列にしてください: {name:?}"
                ),
                NewUnionError::NotAProject(root) => format!(
                    "{} は kumiai のプロジェクトではありません（kumiai.toml がありません）。プロジェクトのフォルダで実行するか、--root を指定してください",
                    root.display()
                ),
                NewUnionError::Exists(path) => format!(
                    "{} はすでにあります。kumiai new はファイルを上書きしません。そのファイルを編集するか、別の識別名にしてください",
                    path.display()
                ),
                NewUnionError::Io(path, e) => format!("{} に書き込めません: {e}", path.display()),
            },
        }
    }
}

/// Writes `unions/<slug>.toml` under `root` for a union called `name`, and returns its path.
/// Refuses an invalid slug or name, a folder that is not a kumiai project, and a file that
/// already exists (checked and created in one step, so nothing is ever overwritten).
pub fn create(root: &Path, slug: &str, name: &str) -> Result<PathBuf, NewUnionError> {
    if !is_valid_slug(slug) {
        return Err(NewUnionError::InvalidSlug(slug.to_string()));
    }
    let name = name.trim();
    if name.is_empty() {
        return Err(NewUnionError::EmptyName);
    }
    if name.chars().any(char::is_control) || name.contains("{{") || name.contains("}}") {
        return Err(NewUnionError::InvalidName(name.to_string()));
    }
    if !root.join("kumiai.toml").is_file() {
        return Err(NewUnionError::NotAProject(root.to_path_buf()));
    }
    let dir = root.join("unions");
    let path = dir.join(format!("{slug}.toml"));
    std::fs::create_dir_all(&dir).map_err(|e| NewUnionError::Io(dir.clone(), e))?;
    let mut file = match OpenOptions::new().write(true).create_new(true).open(&path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            return Err(NewUnionError::Exists(path));
        }
        Err(e) => return Err(NewUnionError::Io(path, e)),
    };
    let text = template(slug, name);
    if let Err(e) = file
        .write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
    {
        // Leave no half-written file behind: the next attempt must not find it "existing".
        drop(file);
        let _ = std::fs::remove_file(&path);
        return Err(NewUnionError::Io(path, e));
    }
    Ok(path)
}

/// The text of a new override file for `slug`, called `name`.
pub fn template(slug: &str, name: &str) -> String {
    TEMPLATE
        .replace("@NAME_TOML@", &toml_string(name))
        .replace("@DEPARTMENT_TOML@", &toml_string(&format!("{name} 総務部")))
        .replace("@NAME@", name)
        .replace("@SLUG@", slug)
}

/// `text` as a TOML basic string, quotes included.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The new file. `@NAME_TOML@` is the name as a TOML string, `@NAME@` the name as text,
/// `@DEPARTMENT_TOML@` an example window of the union, `@SLUG@` the slug. Every `{{ … }}` here must be a name kumiai knows (a test checks): the
/// whole file, comments included, is scanned for placeholders.
const TEMPLATE: &str = r###"## @NAME@ の上書きファイル（unions/@SLUG@.toml）
## Override file of @NAME@, made by `kumiai new`.
##
## ここに書いた所だけが、連合会の標準（base）と置き換わります。書かない所は標準のままなので、
## 標準の文言が改められると、このサイトにも自動で反映されます。
## Only what you write here differs from the federation's base; everything else comes from it.
##
## 使い方: 「# 」で始まる行は例です。行頭の「# 」を消すと有効になります。
##         表の見出しの行（# [dates] や # [[item]] など）も一緒に有効にしてください。
##         「##」で始まる行は説明です。不要な例や説明は消してかまいません。
## How to use: a line starting with "# " is an example; delete the "# " to use it, together
##             with its table header (# [dates], # [[item]], …). Lines starting with "##"
##             explain. Delete what you do not need.
##
## 保存は文字コード UTF-8 で / Save this file as UTF-8.
## 確認 / check:  kumiai check --union @SLUG@
## 作成 / build:  kumiai build --union @SLUG@   →  public/@SLUG@/index.html
## 詳しくは docs/override.md「上書きファイルの書き方」 / Reference: docs/override.md.

## ─── 組合の基本情報 / Identity ──────────────────────────────────────────────
## name（正式名称）だけが必須です。代表者と住所は法律上、公表が必要です。
## Only name is required; the representative and the address must be published by law.
[union]
name = @NAME_TOML@
## 本文での自称（省略時は「当組合」） / How the text calls the union (default 当組合)
# self_name = "当健保組合"
# representative = "理事長 山田 太郎"
# postal_code = "100-0001"
# address = "東京都千代田区千代田1-1"
# website = "https://www.example.or.jp/"
## 組合名の読み（ひらがなかカタカナ。ポータルの50音順に使います） / The name's reading in kana (the portal's order)
# kana = "みほんけんこうほけんくみあい"
## 個人情報取扱責任者、組合の代表電話・FAX（窓口のものではなく）、トップページ冒頭の1行
## The person responsible for personal data, the union's own phone and fax, a line atop the top page
# privacy_officer = "総務部長 山田 一郎"
# phone = "03-1234-5670"
# fax = "03-1234-5679"
# letterhead = "各位"
## 自組合のドメインで公開する場合、その公開アドレス（index.html のあるフォルダ）
## Where this policy is published, when on the union's own domain (the folder of index.html)
# published_url = "https://www.example-kenpo.or.jp/privacy/"
## ヘッダーのロゴ: unions/@SLUG@/ に PNG・JPEG・WebP（512KB まで）を置き、名前と説明を書きます
## A header logo: put a PNG, JPEG or WebP (at most 512 KB) in unions/@SLUG@/, name it and describe it
# logo = "logo.png"
# logo_alt = "○○健康保険組合のロゴ"

## ─── 窓口 / Contact windows ─────────────────────────────────────────────────
## 苦情・相談の窓口。窓口ごとに [[contacts]] を1つ書きます（複数可）。「苦情の申出先」ページに
## 「受付時間：{hours}（{closed}を除く）」の形で表示されます。department だけが必須です。
## One [[contacts]] block per window; only department is required.
# [[contacts]]
# department = @DEPARTMENT_TOML@
# postal_code = "100-0001"
# address = "東京都千代田区千代田1-1"
# phone = "03-1234-5678"
# fax = "03-1234-5679"
# email = "kojin@example.or.jp"
# hours = "9:00～17:00"
# closed = "土曜、日曜、祝日、年末年始"

## ─── 日付 / Dates ───────────────────────────────────────────────────────────
## 日付は 2024-12-02 のように引用符なしで書きます。サイトでは和暦（令和6年12月2日）で表示されます。
## Write dates as 2024-12-02, without quotes; the site shows them in 和暦.
## established = 制定, effective = 施行, published = 公表・最終更新, revisions = 改定履歴
# [dates]
# established = 2005-04-01
# effective = 2005-04-01
# published = 2024-12-02
# revisions = [
#   { date = 2021-10-20, note = "オンライン資格確認等システムの運用開始に伴い、利用目的を改定" },
#   { date = 2024-12-02, note = "資格確認書の発行開始に伴い、利用目的を改定" },
# ]

## ─── 文言 / Wording ─────────────────────────────────────────────────────────
## consent_legend: ＊の付いた項目があるとき、利用目的の下に出す凡例
##                 Legend under the purposes when items carry ＊ (implied consent)
## fee: 開示等の請求の手数料（標準は「無料です」） / Fee statement (the base says it is free)
# [wording]
# consent_legend = "＊印の利用目的について同意されない場合は、{{ union.contact }}（電話 {{ union.phone }}）までお申し出ください。"
## 手数料を取れるのは利用目的の通知と開示の請求だけです（個人情報保護法第38条第1項）。
## A fee may be charged only for notification of purposes and disclosure (APPI Art. 38(1)).
# fee = "利用目的の通知及び開示の請求には、1件につき300円の手数料をいただきます。訂正等及び利用停止等の請求は無料です。"
## mynumber_clause: {{ base.mynumber_clause }} の組合の値。標準の文（mynumber の前文）もこの値で表示
##                  Your value of {{ base.mynumber_clause }}; the base's text shows it too
# mynumber_clause = "番号法第19条第8号"

## ─── 表示形式 / Presentation ────────────────────────────────────────────────
## layout      = "list"（既定、番号付きの箇条書き）または "table"（2列の表）
## label_style = "lenticular"（既定、【…】）、"angle"（＜…＞）、"tortoise"（〔…〕）、"square"（［…］）、
##               "round"（（…））、"corner"（「…」）、"double"（《…》）または "none"（括弧なし）
## digits      = "half"（既定、令和6年）または "full"（令和６年）
## section_numbers / item_numbers: 1番の書き方（"1." "（１）" "①" "第一" "ア" "a."…、"" で番号なし）
##   Section and item numbers, written as number one looks; items default to bullets.
# [presentation]
# layout = "table"
# label_style = "angle"
# digits = "full"
# section_numbers = "（１）"
# item_numbers = "(1)"
#
## table 表示の文言（貴組合のページの言葉のままに）。"" で表題なし・左上は空欄。
## The words of the table layout, as your page writes them; "" = no caption, an empty corner.
## 1行で書くなら / in one line:  table = { row_header = "title", caption = "" }
# [presentation.table]
# row_header = "title"          # 行見出し: "short_title"（既定）または "title"
# caption = "個人情報の利用目的"
# corner = "区分"
# left = "組合内部での利用"
# right = "外部への提供"

## ─── グループ見出し / Group labels ──────────────────────────────────────────
## 種類ごとに、すべてのセクションのグループ見出しを変えます（括弧は書きません）。
## Renames group labels by kind, in every section at once (no brackets).
# [labels]
# internal = "健保組合等の内部での利用に関するもの"
# external = "他の事業者等への情報提供を伴うもの"
# review = "審査支払機関への情報提供に関するもの"
# receive = "他機関より情報を受ける場合"
# provide = "組合が他機関に情報を提供する場合"
# other = "その他"

## ─── 外部委託先 / Contractors ───────────────────────────────────────────────
## 委託先を一度だけ定義し、項目から contractors = ["キー"] で参照します。サイトには
## 「（外部委託先は、名称 TEL 電話番号）」と表示されます。note はサイトに表示されません。
## Define each contractor once; items refer to it by its key. note is not shown on the site.
# [contractors]
# mihon-data = { name = "見本データサービス（株）", phone = "03-0000-1111" }
# mihon-shuppan = { name = "（株）見本出版", phone = "03-0000-2222", note = "育児書の配布" }
## 日本の外で個人データを取り扱う委託先には country を書き、下の [[abroad]] にその国を書きます。
## A contractor handling the data outside Japan gets country; then [[abroad]] below covers it.
# mihon-overseas = { name = "Mihon Data Pte. Ltd.", country = "シンガポール" }

## ─── 外的環境の把握 / Data handled abroad ───────────────────────────────────
## 外国で個人データを取り扱う場合（外国の委託先を含む）、その国名と講じた措置を書きます。
## 「安全管理措置」のページに表示されます（個人情報保護法第32条第1項第4号・施行令第10条第1号）。
## Where personal data is handled abroad: the country and the measures taken (safety page).
# [[abroad]]
# country = "シンガポール"
# measures = "シンガポールの個人情報保護法（PDPA）を確認したうえで、委託先と安全管理措置を定めた契約を結び、定期的に取扱状況を確認しています。"

## ─── 認定個人情報保護団体・共同利用 / Accredited body, joint use ─────────────
## 加入している認定個人情報保護団体（加入している場合のみ）。「苦情の申出先」に表示されます。
## The accredited organisation the union belongs to, if any (contact page).
# [certified_body]
# name = "（例）一般社団法人○○個人情報保護協会"
# contact = "（例）苦情相談室 電話 03-0000-3333"
## 個人データを共同利用する場合（行う場合のみ）。「利用目的」のページに表示されます。
## Personal data used jointly with others, if any (purposes page).
# [[joint_use]]
# items = "氏名、生年月日、健診結果"
# users = "○○健康保険組合と○○株式会社"
# purpose = "加入者の健康の保持増進のための保健事業"
# responsible = "○○健康保険組合（東京都○○区○○1-1、理事長 ○○ ○○）"

## ─── 利用目的の変更 / Changing base items ──────────────────────────────────
## 標準の項目を ID で指定して、文言（text）・委託先・＊（consent）を変えるか、削除します。
## ID の一覧は docs/override.md「Ids in the base」にあります。
## Pick a base item by id, then change its wording, contractors or ＊, or remove it.
# [[item]]
# id = "benefits.internal.eligibility"
# text = "被保険者資格の確認、被扶養者の認定並びに資格確認書の発行管理"
#
# [[item]]
# id = "stability.external.data-outsourcing"
# contractors = ["mihon-data"]
# contractor_label = "データ処理の外部委託先"
#
## consent = true で＊（黙示の同意）を付け、false で外します。
## consent = true marks the item ＊ (implied consent); false unmarks it.
# [[item]]
# id = "health.external.collabo-health"
# consent = true
## consent_note: 黙示の同意のページ（[[new_page]] kind = "consent"）でこの項目の下に出す説明。
## consent_note: shown under the item on the implied-consent page.
# consent_note = "提供先：事業主。同意されない場合は、健診結果を事業主に提供しません。"
#
## remove = true: 組合で行っていない業務の項目を削除します / your union does not do this
# [[item]]
# id = "mynumber.receive.public-account"
# remove = true

## to / before / after: 標準の項目を ID のまま別のグループへ移すか、並べ替えます（diff では「移動」）。
## [[group]] は to = "セクション"、[[section]] は before / after だけで同じように移せます。
## Move or reorder a base item keeping its id (to = another group; before/after = an item of the
## target group); [[group]] takes to = a section, [[section]] before/after a section.
# [[item]]
# id = "premiums.internal.collection"
# before = "premiums.internal.standard-remuneration"
## または / or:  to = "health.internal"

## ─── 利用目的の追加 / New items ─────────────────────────────────────────────
## ID は「加わるグループの ID + 独自の名前」です（下の例は health.external に加わります）。
## before / after で同じグループの項目の前・後に置けます（どちらもなければ末尾）。
## The id is the group's id + your own name; before/after name an item of the same group.
# [[new_item]]
# id = "health.external.childcare-books"
# text = "出産者に対する育児書の配布"
# contractors = ["mihon-shuppan"]
# contractor_label = "配布の委託先"
# consent = false
# before = "health.external.medical-cost-notice"
## または / or:  after = "health.external.checkup-outsourcing"

## ─── グループ / Groups ──────────────────────────────────────────────────────
## 標準のグループ1つだけの見出しを変えるか、グループごと削除します（remove = true）。
## Relabel one base group, or remove it with remove = true.
# [[group]]
# id = "claims.review"
# label = "審査支払機関への情報提供に関するもの"
## label = "" で見出しなし / label = "" shows no heading at all
## 項目の後の注記（Markdown） / A note after the group's items (Markdown):
# note = "レセプトの振替は、オンライン資格確認等システムを通じて行います。"
## または / or:  remove = true
#
## 新しいグループ: ID は「加わるセクションの ID + 独自の名前」。kind は internal, external,
## review, receive, provide, other のいずれか。label を省くと種類ごとの見出しになります。
## New group: id = section id + your own name; kind decides the default label and the column.
# [[new_group]]
# id = "health.partners"
# kind = "external"
# label = "提携施設への情報提供を伴うもの"
# after = "health.external"
## items: 項目を直接並べる簡易形（ID は health.partners.1, … または {id = "…"}）
## items: the group's items written directly (ids health.partners.1, … or { id = "…" })
# items = ["提携保養施設の利用に係る加入者資格の確認"]
## または / or:  before = "health.internal"
#
# [[new_item]]
# id = "health.partners.sports-club"
# text = "提携スポーツ施設の利用に係る加入者資格の確認"

## ─── セクション / Sections ─────────────────────────────────────────────────
## 標準のセクション（benefits, premiums, health, claims, stability, other, mynumber, online）の
## 題名（title、list 表示）・行見出し（short_title、table 表示）・前文（intro、"" で削除）を変えます。
## Change a base section's title, table row header or intro ("" removes it).
# [[section]]
# id = "claims"
# title = "診療報酬の審査及び支払に必要な利用目的"
# short_title = "診療報酬の審査・支払"
# intro = ""
## heading: このセクションの前に出す見出し（後に続くセクションをまとめる）
## A heading before this section, over the sections that follow (e.g. the law they serve).
# heading = "健康保険法に基づく利用目的"
## グループの後の注記（Markdown。項目の text と intro も Markdown です）
## A note after the groups (Markdown; item texts and intros are Markdown too).
# note = "詳しくは[苦情の申出先](contact.html)にお問い合わせください。"
## または / or:  remove = true
#
## 新しいセクション。before / after でほかのセクションの前・後に置けます（なければ末尾）。
## A section of your own; place it with before or after (default: at the end).
# [[new_section]]
# id = "welfare"
# title = "福利厚生事業に必要な利用目的"
# short_title = "福利厚生事業"
# intro = "{{ union.self_name }}が行う福利厚生事業のために、次のとおり個人情報を利用します。"
# after = "health"
## または / or:  before = "claims"
## items: 項目を直接並べる簡易形。見出しのないグループ welfare.items（種類 other）になります。
## 表の形で id, contractors, consent, contractor_label も書けます。
## items: the section's items written directly; they form one group welfare.items (kind other,
## no label). A table gives id, contractors, consent, contractor_label too.
# items = [
#   "保養施設の利用に係る加入者資格の確認",
#   { text = "慶弔見舞金の支給", id = "gifts", consent = false },
# ]
#
# [[new_group]]
# id = "welfare.internal"
# kind = "internal"
#
# [[new_item]]
# id = "welfare.internal.recreation"
# text = "レクリエーション行事の実施及び参加者の管理"

## ─── 利用目的の全体・個人情報の類型 / The purposes as a whole, data kinds ───────
## 標準の8つのセクションをすべて外し、[[new_section]] だけを利用目的にするときは base = false。
## base = false drops every base section: your [[new_section]]s are then the purposes.
# [purposes]
# base = true
#
## 個人情報の類型ごとの利用目的の表（「利用目的」ページに表示）。purposes は文字列1つでも可。
## A table of personal data by kind and its purposes, on the purposes page.
# [[data_kind]]
# name = "資格に関する情報"
# purposes = ["加入者の管理", "標準報酬月額の設定"]
#
## headers: 2つの列見出し / intro, note: 表の前後の文（Markdown）/ position: "before"（既定）か "after"
## headers: the two column headers; intro, note: Markdown before/after; position before|after
# [data_kinds]
# headers = ["個人情報の類型", "利用目的"]
# intro = "当組合が取り扱う個人情報の類型と利用目的は次のとおりです。"
# note = "このほか、法令に基づく場合に利用することがあります。"
# position = "before"

## ─── ページ / Pages ─────────────────────────────────────────────────────────
## 標準のページ: index, purposes, safety, requests, contact, history
## title で題名を、intro で本文（Markdown）を差し替えます。intro は自動で作られる部分
## （利用目的・窓口・改定履歴）を残します。
## title: a different title; intro: replace the page's text, keeping what it generates.
## 本文では次の値が使えます / Text may name these values:
##   {{ union.name }} {{ union.self_name }} {{ union.representative }} {{ union.postal_code }}
##   {{ union.address }} {{ union.website }} {{ union.phone }} {{ union.contact }}
##   {{ union.privacy_officer }} {{ union.fax }} {{ union.letterhead }}
##   {{ dates.established }} {{ dates.effective }} {{ dates.published }}
##   {{ base.revision }} {{ base.date }} {{ base.mynumber_clause }} {{ wording.fee }}
## 書かれていない値は「（未記載）」と表示されます。波かっこ2つを文字として書くときは \{{ と書きます。
## A value not given shows as （未記載）. Write \{{ for two literal braces.
# [[page]]
# id = "purposes"
# title = "個人情報の利用目的の公表について"
# intro = """
# {{ union.name }}（以下「{{ union.self_name }}」という。）は、加入者の皆さまの個人情報を、次の目的のために利用します。
# """
## ページ全体を差し替えるときは、intro の代わりに次のどちらか（自動で作られる部分も消えます）:
## To replace the whole page instead of intro, use one of:
##   body = """（Markdown）"""
##   file = "purposes.md"        ← unions/@SLUG@/purposes.md
## ページを削除するとき（index は削除できません） / To drop a page (not index):
##   remove = true
#
## 組合独自のページ。body か file のどちらかで本文を書きます。after で位置を決めます（なければ末尾）。
## A page of your own: give body or file; after places it (default: at the end).
## 画像などは unions/@SLUG@/ に置き、![説明](files/map.png) のように書きます。
# [[new_page]]
# id = "storage"
# title = "個人情報の保存と廃棄"
# body = """
# {{ union.self_name }}は、個人情報を法令で定められた期間保存し、期間を過ぎたものは復元できない方法で廃棄します。
# """
# after = "purposes"
## または / or:  file = "storage.md"   ← unions/@SLUG@/storage.md
#
## セクションを別のページに: sections に書いたセクションは、利用目的のページではなくこのページに
## 表示されます（番号はそのまま）。body は前書き（省略可）。
## Sections on a page of their own (numbered as in the whole list); body is an optional intro.
# [[new_page]]
# id = "mynumber"
# title = "特定個人情報の利用目的"
# sections = ["mynumber"]
#
## 黙示の同意のページ: ＊（consent = true）の項目を、前書きと申出先とともに表示します。
## 前書きは省略すると標準の文になります。＊の項目がないとエラーです。
## The implied-consent page: every ＊ item, an intro (default: the base's) and where to object.
# [[new_page]]
# id = "consent"
# title = "黙示の同意について"
# kind = "consent"

## ─── 確認済みの警告 / Acknowledged warnings ────────────────────────────────
## kumiai check の警告を確認したうえでそのままにするとき、チェック項目の ID と理由を書きます。
## 警告は理由とともに表示され続けますが、警告の数には数えられません。
## A lint finding you have looked at and accept: its rule id and your reason.
# [[acknowledge]]
# rule = "legal-representative"
# reason = "理事長の氏名は組合の規約集で公表しているため"
"###;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_quoted_for_toml() {
        assert_eq!(
            toml_string("東京機器健康保険組合"),
            "\"東京機器健康保険組合\""
        );
        assert_eq!(toml_string(r#"a "b" \c"#), r#""a \"b\" \\c""#);
    }

    #[test]
    fn the_template_parses_with_only_the_name_set() {
        let text = template("mihon", r#"見本 "健保" 組合"#);
        let value: toml::Table = toml::from_str(&text).unwrap();
        assert_eq!(value.len(), 1, "{value:?}");
        assert_eq!(value["union"]["name"].as_str(), Some(r#"見本 "健保" 組合"#));
        assert!(crate::text::placeholders::unknown_in(&text).is_empty());
    }
}
