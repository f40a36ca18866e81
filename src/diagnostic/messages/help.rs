//! The command line's help and clap's own words, in Japanese.
//!
//! The English help is the doc comments of `src/cli.rs` (clap derives it). In Japanese, the
//! command line walks clap's tree and takes each text from here, by key:
//! - a command by its path: `"kumiai"`, `"kumiai build"`, `"kumiai base diff"`;
//! - an argument by its command's path and its id (the field's name in `src/cli.rs`):
//!   `"kumiai build output"`; a global option by the root's path: `"kumiai lang"`;
//! - a possible value by the argument's key and the value: `"kumiai check format=json"`.
//!
//! A new command or option needs its line here: `cli::japanese`'s test fails until it has one.
//! Write file names, options and commands in backticks or as they are typed.

/// Commands: path, short text (the list of commands and the first line of `-h`), and the
/// longer text `--help` shows under it (None: the short one alone).
pub(crate) const COMMANDS: &[(&str, &str, Option<&str>)] = &[
    (
        "kumiai",
        "kumiai（組合）: 共通の標準文例と組合ごとの上書きファイルから、健康保険組合のプライバシーポリシーのサイトを作ります。",
        None,
    ),
    (
        "kumiai build",
        "すべての組合のサイト（並列で処理）とポータルを `public/` に作ります。",
        Some(
            "すべての組合のサイト（並列で処理）とポータルを `public/` に作ります。\n\n\
             上書きファイルに誤りがある組合は、誤りを表示して作りません。その組合の以前の出力はそのまま残し、\
             ほかの組合は作ります。作れなかった組合があると終了コードは 1 です。",
        ),
    ),
    (
        "kumiai check",
        "ビルドが読むすべてを確認し、すべての組合を点検します（何も書き込みません）。",
        Some(
            "ビルドが読むすべてを確認し、すべての組合を点検します（何も書き込みません）。\n\n\
             すべてのファイルのすべての問題を表示し、最後に 1 行のまとめを出します。エラーがなければ終了コードは 0\
             （警告は --deny-warnings を付けたときだけ失敗）、あれば 1 です。",
        ),
    ),
    (
        "kumiai serve",
        "`http://127.0.0.1:1111/` でサイトをプレビューします。保存するたびに作り直し、ブラウザを再読み込みします。",
        Some(
            "`http://127.0.0.1:1111/` でサイトをプレビューします。保存するたびに作り直し、ブラウザを再読み込みします。\n\n\
             メモリ上から表示し、`public/` には何も書きません。`kumiai.toml`、`content/`、`unions/`、`themes/` を見張り、\
             組合のファイルを保存するとその組合だけを、標準文例・テーマ・設定を保存するとすべての組合を作り直します。\
             開いているタブは自動で再読み込みされます。保存で誤りが入ると、直すまで `kumiai check` と同じ指摘をページの上に表示します。",
        ),
    ),
    (
        "kumiai contractors",
        "すべての外部委託先を、使っている組合と項目とともに一覧にします。",
        Some(
            "すべての外部委託先を、使っている組合と項目とともに一覧にします。\n\n\
             同じ会社の書き方の違い（（株）・㈱・株式会社、全角・半角、空白）は 1 件にまとめます。\
             同じ会社に違う電話番号が書かれているときは印を付けます。ビルドせずに組合のファイルを読み、\
             誤りのある組合はエラー出力に名前を出して一覧から外します。検索語に当てはまる委託先がないとき終了コードは 1 です。",
        ),
    ),
    (
        "kumiai diff",
        "1 つの組合の項目が標準文例とどう違うかを表示します: 削除、追加、書き換え（標準文例と組合の文を並べ、変わった文字に印）、古い上書き（旧標準文例・新標準文例・組合）。",
        Some(
            "1 つの組合の項目が標準文例とどう違うかを表示します: 削除、追加、書き換え（標準文例と組合の文を並べ、変わった文字に印）、古い上書き（旧標準文例・新標準文例・組合）。\n\n\
             端末では色で示し、それ以外（パイプや `NO_COLOR`）では `[-削除-]{+追加+}` の形で書きます。\
             比べられたとき終了コードは 0、比べられなかったとき 1 です。",
        ),
    ),
    (
        "kumiai report",
        "連合会向けの差分レポートを書き出します: 全組合の一覧表（標準文例との違い、古い上書き、点検の指摘、法律が求める項目の不足）と組合ごとのページ。",
        Some(
            "連合会向けの差分レポートを書き出します: 全組合の一覧表（標準文例との違い、古い上書き、点検の指摘、法律が求める項目の不足）と組合ごとのページ。\n\n\
             連合会の職員向けです。公開用の出力の外に書き出してください（作ったサイトや `public/` の中のフォルダは断ります）。",
        ),
    ),
    (
        "kumiai schema",
        "上書きファイル（`unions/*.toml`）の形式、または公開データ（`policy.json`、`unions.json`）のスキーマを出力します（エディタ用）。",
        None,
    ),
    (
        "kumiai import",
        "組合の今のポリシー（保存したウェブページや文書）を `unions/SLUG.toml` に変換します。",
        Some(
            "組合の今のポリシー（保存したウェブページや文書）を `unions/SLUG.toml` に変換します。\n\n\
             既存の組合を上書きせず、文章を捨てることもありません。決まった置き場所のない文章はそのまま Markdown として残し、\
             何を構造に取り込み、何を取り込めなかったかを表示します。",
        ),
    ),
    (
        "kumiai init",
        "フォルダに新しい連合会のプロジェクトを作ります（既定は --root）: 設定をすべて注釈にした `kumiai.toml`、`content/` に写した標準文例（自由に編集できます）、見本の組合が入った `unions/`。",
        Some(
            "フォルダに新しい連合会のプロジェクトを作ります（既定は --root）: 設定をすべて注釈にした `kumiai.toml`、`content/` に写した標準文例（自由に編集できます）、見本の組合が入った `unions/`。\n\n\
             空でないフォルダには作りません。作ったプロジェクトはそのままビルドでき、`kumiai check` も通ります。",
        ),
    ),
    (
        "kumiai base",
        "kumiai に組み込まれた標準文例を、プロジェクトの `content/` と比べます。",
        None,
    ),
    (
        "kumiai base diff",
        "この kumiai に組み込まれた標準文例が `content/` に対して何を変えるかを、項目ごとに表示します（法改正を既存のプロジェクトに取り込む方法）。比べられたとき終了コードは 0 です。",
        None,
    ),
    (
        "kumiai ids",
        "標準文例のセクション・グループ・項目を、その ID と今の文で順に一覧にします。",
        Some(
            "標準文例のセクション・グループ・項目を、その ID と今の文で順に一覧にします。\n\n             組合のファイルの `[[section]]`・`[[group]]`・`[[item]]` に書く ID です。`content/`（なければ組み込みの\
             標準文例）を読みます。QUERY に当てはまるものがなければ終了コードは 1 です。",
        ),
    ),
    (
        "kumiai completions",
        "シェル（`bash`・`zsh`・`fish`・`powershell`）の入力補完スクリプトを出力します。",
        Some(
            "シェル（`bash`・`zsh`・`fish`・`powershell`）の入力補完スクリプトを出力します。\n\n\
             例: `kumiai completions bash > ~/.local/share/bash-completion/completions/kumiai`",
        ),
    ),
    (
        "kumiai new",
        "新しい上書きファイル `unions/SLUG.toml` を、すべての設定を注釈にした形で書きます。",
        None,
    ),
    (
        "kumiai help",
        "このヘルプ、または指定したコマンドのヘルプを表示します。",
        None,
    ),
];

/// Arguments: key (command path and the argument's id), short text, longer text for `--help`.
pub(crate) const ARGS: &[(&str, &str, Option<&str>)] = &[
    (
        "kumiai root",
        "プロジェクトのフォルダ（`kumiai.toml`、`content/`、`unions/`、`themes/` がある場所）。",
        None,
    ),
    (
        "kumiai lang",
        "メッセージの言語: `ja`（日本語）か `en`（英語）。指定しないときはロケールに従います。",
        None,
    ),
    (
        "kumiai build output",
        "出力先のフォルダ（指定しないときはプロジェクトのフォルダの `public/`）。",
        None,
    ),
    (
        "kumiai build unions",
        "この組合だけを作ります（スラッグ、つまり `.toml` を除いたファイル名で指定。繰り返し指定できます）。このときポータルは書き直しません。",
        None,
    ),
    (
        "kumiai build force",
        "前回のビルドから入力が変わっていない組合も、すべて作り直します。",
        None,
    ),
    (
        "kumiai build prune",
        "`unions/` からなくなった組合のサイトを、数が多くても（組合の 10 % を超える、またはすべて）削除します。付けないときは一度に少しだけ削除し、残したものを知らせるので、空になった `unions/` で公開中のサイトが消えることはありません。",
        None,
    ),
    (
        "kumiai build wait",
        "同じ出力先への別のビルドが終わるのを待つ秒数（1 つのフォルダに同時に書けるビルドは 1 つ）。過ぎたら、誰が使っているかを示して止まります。",
        None,
    ),
    (
        "kumiai build quiet",
        "エラーだけを表示します（進み具合の表示も、まとめの行も出しません）。",
        None,
    ),
    (
        "kumiai build verbose",
        "組合ごとに 1 行も表示します: 作った・変更なし・失敗と、そのページ数。",
        None,
    ),
    (
        "kumiai build base_url",
        "サイトを公開するアドレス。このビルドだけ `kumiai.toml` の `base_url` の代わりに使います（Zola や Hugo の --base-url と同じ）。空文字 \"\" でアドレスなし。",
        None,
    ),
    (
        "kumiai build deny_warnings",
        "`kumiai check` が警告を出すときも終了コードを 1 にします（CI 向け）。",
        None,
    ),
    (
        "kumiai check unions",
        "この組合だけを確認します。繰り返し指定できます。",
        None,
    ),
    ("kumiai check format", "出力の形式。", None),
    (
        "kumiai check format=human",
        "人が読むための、該当箇所つきのメッセージ",
        None,
    ),
    (
        "kumiai check format=json",
        "ツール向けに、1 件を 1 行の JSON で",
        None,
    ),
    ("kumiai check deny_warnings", "警告でも失敗にします。", None),
    (
        "kumiai serve union",
        "この組合だけを `/` に表示します。単独で公開したときとまったく同じ見え方です。",
        None,
    ),
    (
        "kumiai serve bind",
        "待ち受けるアドレス。既定ではこの機器からだけ見えます。`0.0.0.0` にするとネットワーク全体に見えます。",
        None,
    ),
    (
        "kumiai serve port",
        "待ち受けるポート番号（0 なら空いている番号）。",
        None,
    ),
    (
        "kumiai serve open",
        "既定のブラウザでサイトを開きます。",
        None,
    ),
    (
        "kumiai contractors query",
        "名前にこの文字列を含む委託先だけを表示します。同じ比べ方をします（例: 日本システム技術(株) で 日本システム技術株式会社 が見つかります）。",
        None,
    ),
    (
        "kumiai contractors format",
        "出力の形式: 人が読む `text`、`csv`（BOM 付き UTF-8、改行 CRLF: Excel で開けます）、`json`。",
        None,
    ),
    (
        "kumiai contractors format=text",
        "字下げした一覧（人が読む形）",
        None,
    ),
    (
        "kumiai contractors format=csv",
        "`public/contractors.csv` と同じ行",
        None,
    ),
    (
        "kumiai contractors format=json",
        "`public/contractors.json` と同じ内容",
        None,
    ),
    (
        "kumiai diff slug",
        "組合のスラッグ（`.toml` を除いたファイル名）。",
        None,
    ),
    (
        "kumiai diff format",
        "出力の形式: 人が読む `text`、または `json`。",
        None,
    ),
    (
        "kumiai diff format=text",
        "項目ごとに、変わった文字に印を付けて",
        None,
    ),
    (
        "kumiai diff format=json",
        "差分を 1 つの JSON オブジェクトで",
        None,
    ),
    (
        "kumiai report output",
        "`index.html`、`<slug>.html`、`report.css`、`report.js` を書き出すフォルダ。",
        None,
    ),
    ("kumiai schema kind", "どのスキーマか。", None),
    (
        "kumiai schema kind=override",
        "`unions/*.toml`（`schema/override.schema.json`）",
        None,
    ),
    (
        "kumiai schema kind=policy",
        "組合サイトごとの `policy.json`（`schema/policy-v1.schema.json`）",
        None,
    ),
    (
        "kumiai schema kind=unions",
        "連合会の `unions.json`（`schema/unions-v1.schema.json`）",
        None,
    ),
    (
        "kumiai import files",
        "保存したページ（UTF-8・シフトJIS・EUC-JP の HTML）または文書ファイル。読む順に並べます。",
        None,
    ),
    (
        "kumiai import slug",
        "新しい組合のスラッグ（ウェブ上のフォルダ名）。",
        None,
    ),
    (
        "kumiai import name",
        "組合の正式名称（ページに書かれていないとき）。",
        None,
    ),
    (
        "kumiai init dir",
        "プロジェクトを作るフォルダ（なければ作ります。空である必要があります）。",
        None,
    ),
    (
        "kumiai init theme",
        "標準のテーマも `themes/default/` に写します（見た目を変えるとき）。",
        None,
    ),
    (
        "kumiai base diff format",
        "出力の形式: 人が読む `text`、または `json`。",
        None,
    ),
    (
        "kumiai base diff format=text",
        "項目ごとに、変わった文字に印を付けて",
        None,
    ),
    (
        "kumiai base diff format=json",
        "差分を 1 つの JSON オブジェクトで",
        None,
    ),
    ("kumiai completions shell", "シェルの種類。", None),
    (
        "kumiai ids query",
        "ID か文にこれを含むものだけを出します（全角・半角は同じとみなし、空白は無視）。当てはまるセクションやグループは項目をすべて出します。例: 健診",
        None,
    ),
    (
        "kumiai ids format",
        "出力の形式: 人が読む `text`、または `json`（`id`、`kind`、`text`、`section`、`group`）。",
        None,
    ),
    ("kumiai ids format=text", "人が読む一覧", None),
    ("kumiai ids format=json", "一覧を 1 つの JSON で", None),
    (
        "kumiai new slug",
        "組合のスラッグ: 英小文字・数字・ハイフン（ウェブ上のフォルダ名になります）。",
        None,
    ),
    (
        "kumiai new name",
        "組合の正式名称。例: 東京機器健康保険組合",
        None,
    ),
];

/// The help options every command has, and the version option of the root.
pub(crate) const HELP_SHORT: &str = "ヘルプを表示します（--help でくわしく）";
pub(crate) const HELP_LONG: &str = "ヘルプを表示します（-h で要約）";
pub(crate) const HELP_PLAIN: &str = "ヘルプを表示します";
pub(crate) const VERSION: &str = "バージョンを表示します";

/// clap's headings and the words around option texts.
pub(crate) const USAGE: &str = "使い方:";
pub(crate) const COMMANDS_HEADING: &str = "コマンド";
pub(crate) const ARGUMENTS_HEADING: &str = "引数";
pub(crate) const OPTIONS_HEADING: &str = "オプション";
/// In a usage line, for clap's `[OPTIONS]`, `<COMMAND>`, `[COMMAND]`.
pub(crate) const USAGE_WORDS: &[(&str, &str)] = &[
    ("[OPTIONS]", "[オプション]"),
    ("<COMMAND>", "<コマンド>"),
    ("[COMMAND]", "[コマンド]"),
];

/// 「既定値: `120`」
pub(crate) fn default_value(values: &str) -> String {
    format!("既定値: `{values}`")
}

/// 「指定できる値: `human`、`json`」, or with what each means, one a line.
pub(crate) fn possible_values(values: &[(String, Option<String>)]) -> String {
    if values.iter().any(|(_, help)| help.is_some()) {
        let lines: Vec<String> = values
            .iter()
            .map(|(value, help)| match help {
                Some(help) => format!("- `{value}`: {help}"),
                None => format!("- `{value}`"),
            })
            .collect();
        return format!("指定できる値:\n{}", lines.join("\n"));
    }
    let list: Vec<String> = values
        .iter()
        .map(|(value, _)| format!("`{value}`"))
        .collect();
    format!("指定できる値: {}", list.join("、"))
}

/// The words of clap's errors, in Japanese.
pub(crate) mod errors {
    /// 「エラー: …」 starts each error.
    pub(crate) const LEAD: &str = "エラー: ";
    /// The tip line's word.
    pub(crate) const TIP: &str = "ヒント: ";
    /// The last line of an error.
    pub(crate) const MORE: &str = "詳しくは `--help` を付けて実行してください。";

    pub(crate) fn unknown_subcommand(name: &str) -> String {
        format!("`{name}` というコマンドはありません")
    }
    pub(crate) fn similar_subcommand(names: &str) -> String {
        format!("似たコマンドがあります: {names}")
    }
    pub(crate) fn unknown_argument(arg: &str) -> String {
        format!("`{arg}` という引数やオプションはありません")
    }
    pub(crate) fn similar_argument(names: &str) -> String {
        format!("似たオプションがあります: {names}")
    }
    pub(crate) fn escape_tip(arg: &str) -> String {
        format!("`{arg}` を値として渡すには `-- {arg}` と書いてください")
    }
    pub(crate) fn missing_required(args: &str) -> String {
        format!("必須の引数が指定されていません: {args}")
    }
    pub(crate) fn missing_subcommand(name: &str) -> String {
        format!("`{name}` にはコマンドが必要です")
    }
    pub(crate) fn invalid_value(value: &str, arg: &str) -> String {
        format!("`{value}` は {arg} に指定できる値ではありません")
    }
    pub(crate) fn possible(values: &str) -> String {
        format!("指定できる値: {values}")
    }
    pub(crate) fn similar_value(values: &str) -> String {
        format!("似た値があります: {values}")
    }
    pub(crate) fn empty_value(arg: &str) -> String {
        format!("{arg} に値が必要ですが、指定されていません")
    }
    pub(crate) fn wrong_value(value: &str, arg: &str) -> String {
        format!("`{value}` は {arg} の値として正しくありません")
    }
    pub(crate) fn conflict(arg: &str, prior: &str) -> String {
        format!("{arg} は {prior} と一緒には指定できません")
    }
    pub(crate) fn used_twice(arg: &str) -> String {
        format!("{arg} は 1 回だけ指定できます")
    }
    pub(crate) fn too_many_values(value: &str, arg: &str) -> String {
        format!("{arg} に値 `{value}` は多すぎます")
    }
    pub(crate) fn too_few_values(arg: &str) -> String {
        format!("{arg} の値が足りません")
    }
    pub(crate) fn no_equals(arg: &str) -> String {
        format!("{arg} には `=` で値を付けてください")
    }
    pub(crate) fn not_utf8() -> String {
        "引数に UTF-8 でない文字が含まれています".to_string()
    }
    pub(crate) fn other() -> String {
        "コマンドラインを読み取れませんでした".to_string()
    }
}
