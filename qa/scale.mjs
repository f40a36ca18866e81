// A federation of 1,400 synthetic unions for qa/run's screenshots and checks of the pages that
// only show at scale: the portal, the contractor index and the report. Deterministic. Most
// unions give no reading (`kana`), as most real override files will at first; a few names
// start with katakana; most addresses start with their prefecture, some with a city only.
//
//   node qa/scale.mjs DIR [N]     # writes DIR/kumiai.toml and DIR/unions/*.toml (N = 1400)
import fs from 'node:fs';
import path from 'node:path';

const [dir, count = '1400'] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node qa/scale.mjs DIR [N]');
  process.exit(2);
}
const n = Number(count);

// [prefecture, its reading]
const PREFECTURES = [
  ['北海道', 'ほっかいどう'], ['青森県', 'あおもり'], ['岩手県', 'いわて'], ['宮城県', 'みやぎ'],
  ['秋田県', 'あきた'], ['山形県', 'やまがた'], ['福島県', 'ふくしま'], ['茨城県', 'いばらき'],
  ['栃木県', 'とちぎ'], ['群馬県', 'ぐんま'], ['埼玉県', 'さいたま'], ['千葉県', 'ちば'],
  ['東京都', 'とうきょう'], ['神奈川県', 'かながわ'], ['新潟県', 'にいがた'], ['富山県', 'とやま'],
  ['石川県', 'いしかわ'], ['福井県', 'ふくい'], ['山梨県', 'やまなし'], ['長野県', 'ながの'],
  ['岐阜県', 'ぎふ'], ['静岡県', 'しずおか'], ['愛知県', 'あいち'], ['三重県', 'みえ'],
  ['滋賀県', 'しが'], ['京都府', 'きょうと'], ['大阪府', 'おおさか'], ['兵庫県', 'ひょうご'],
  ['奈良県', 'なら'], ['和歌山県', 'わかやま'], ['鳥取県', 'とっとり'], ['島根県', 'しまね'],
  ['岡山県', 'おかやま'], ['広島県', 'ひろしま'], ['山口県', 'やまぐち'], ['徳島県', 'とくしま'],
  ['香川県', 'かがわ'], ['愛媛県', 'えひめ'], ['高知県', 'こうち'], ['福岡県', 'ふくおか'],
  ['佐賀県', 'さが'], ['長崎県', 'ながさき'], ['熊本県', 'くまもと'], ['大分県', 'おおいた'],
  ['宮崎県', 'みやざき'], ['鹿児島県', 'かごしま'], ['沖縄県', 'おきなわ'],
];
const INDUSTRIES = [
  ['電機', 'でんき'], ['機器', 'きき'], ['化学', 'かがく'], ['商事', 'しょうじ'], ['印刷', 'いんさつ'],
  ['運輸', 'うんゆ'], ['食品', 'しょくひん'], ['建設', 'けんせつ'], ['製薬', 'せいやく'], ['鉄鋼', 'てっこう'],
  ['繊維', 'せんい'], ['情報', 'じょうほう'], ['金融', 'きんゆう'], ['百貨店', 'ひゃっかてん'],
  ['自動車', 'じどうしゃ'], ['電子', 'でんし'], ['精密', 'せいみつ'], ['造船', 'ぞうせん'],
  ['出版', 'しゅっぱん'], ['放送', 'ほうそう'], ['物流', 'ぶつりゅう'], ['薬品', 'やくひん'],
  ['硝子', 'がらす'], ['紙業', 'しぎょう'],
];
const KATAKANA = ['アサヒ', 'ミツバ', 'サクラ', 'ヤマト', 'ワコー', 'ニッセイ', 'ラクト', 'ハマダ', 'タカラ', 'ノザワ'];
const CONTRACTORS = [
  ['株式会社ウィーメックス', '03-6630-2600'],
  ['RIZAP（株）', '03-5337-1337'],
  ['一般財団法人 日本予防医学協会', '03-3635-3100'],
  ['（株）ベネフィット・ワン', '03-6870-3800'],
  ['健診ネットワーク株式会社', '06-4560-1050'],
  ['（株）エムスリー', '03-6229-8900'],
  ['SOMPOヘルスサポート（株）', '03-5909-0555'],
  ['（一財）アイリス健康センター', '052-123-4567'],
];

fs.mkdirSync(path.join(dir, 'unions'), { recursive: true });
fs.writeFileSync(path.join(dir, 'kumiai.toml'), 'title = "健康保険組合 個人情報保護方針ポータル（1,400組合の試験）"\n');
const pad = (k, w) => String(k).padStart(w, '0');
for (let i = 0; i < n; i++) {
  const [pref, prefKana] = PREFECTURES[i % PREFECTURES.length];
  const [ind, indKana] = INDUSTRIES[Math.floor(i / PREFECTURES.length) % INDUSTRIES.length];
  const round = Math.floor(i / (PREFECTURES.length * INDUSTRIES.length));
  const short = pref.replace(/[都府県]$/, '');
  let name = `${short}${ind}${round ? `第${round + 1}` : ''}健康保険組合`;
  let kana = i % 10 === 0 ? `${prefKana}${indKana}` : null;
  if (i % 25 === 7) {
    name = `${KATAKANA[(i / 25) % KATAKANA.length | 0]}${ind}健康保険組合`;
    kana = null;
  }
  // One address in twelve without its prefecture: filed under その他.
  const address = i % 12 === 5 ? `中央区本町${1 + (i % 9)}-${1 + (i % 30)}` : `${pref}中央区本町${1 + (i % 9)}-${1 + (i % 30)}`;
  let toml = `[union]\nname = "${name}"\n`;
  if (kana) toml += `kana = "${kana}"\n`;
  toml += `representative = "理事長 山田 太郎"\npostal_code = "${pad(100 + (i % 800), 3)}-${pad(i, 4)}"\naddress = "${address}"\n\n`;
  toml += `[[contacts]]\ndepartment = "${name} 総務部"\nphone = "03-${pad(1000 + (i % 9000), 4)}-${pad(i, 4)}"\nhours = "9:00～17:00"\n`;
  if (i % 10 === 3) {
    const a = CONTRACTORS[i % CONTRACTORS.length];
    const b = CONTRACTORS[(i + 3) % CONTRACTORS.length];
    toml += `\n[contractors]\nc0 = { name = "${a[0]}", phone = "${a[1]}" }\nc1 = { name = "${b[0]}", phone = "${b[1]}" }\n`;
    toml += `\n[[item]]\nid = "health.external.checkup-outsourcing"\ncontractors = ["c0"]\n`;
    toml += `\n[[item]]\nid = "stability.external.data-outsourcing"\ncontractors = ["c1"]\n`;
  }
  fs.writeFileSync(path.join(dir, 'unions', `u${pad(i, 4)}.toml`), toml);
}
console.log(`qa: ${n} unions in ${dir}`);
