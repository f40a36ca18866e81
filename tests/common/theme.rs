//! The fixture theme: templates that print the render context behind plain markers, and its CSS.

/// The fixture theme's page template (Tera 2). Every value is printed behind a plain marker
/// (`ITEM `, `GROUP `, `SECTION n. `…) so tests can assert on exact substrings.
pub const PAGE_TEMPLATE: &str = r##"<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>{{ title }} | {{ union.name }}</title>
<link rel="stylesheet" href="{{ css }}">
</head>
<body data-page="{{ page_id }}" data-kind="{{ kind }}" data-replaced="{{ replaced }}">
<p class="union">UNION {{ union.name }} / {{ union.self_name }}</p>
{% if page_id == "index" and not replaced %}{% if union.representative %}<p class="identity">REPRESENTATIVE {{ union.representative }}</p>
{% endif %}{% if union.address %}<p class="identity">ADDRESS {{ union.address }}</p>
{% endif %}{% endif %}<nav>
{% for link in nav %}<a href="{{ link.href }}" data-nav="{{ link.id }}"{% if link.current %} aria-current="page"{% endif %}>NAV {{ link.title }}</a>
{% endfor %}</nav>
<h1>{{ title }}</h1>
<div class="body">
{{ body | safe }}
</div>
{% if purposes %}
<div class="purposes" data-layout="{{ purposes.layout }}">
{% if purposes.layout == "table" %}
<table>
<tr><th>HEAD</th><th>LEFT-HEADER {{ purposes.left_header }}</th><th>RIGHT-HEADER {{ purposes.right_header }}</th></tr>
{% for section in purposes.sections %}
<tr data-section="{{ section.id }}"><th>SHORT {{ section.short_title }}</th>
<td data-column="left">{% if section.left %}{% for item in section.left.items %}<p data-item="{{ item.id }}">ITEM {{ item.text }}{% if item.consent %}＊{% endif %}{{ item.contractor_note }}</p>
{% endfor %}{% endif %}</td>
<td data-column="right">{% if section.right %}{% for item in section.right.items %}<p data-item="{{ item.id }}">ITEM {{ item.text }}{% if item.consent %}＊{% endif %}{{ item.contractor_note }}</p>
{% endfor %}{% endif %}</td></tr>
{% for group in section.rows %}<tr data-row="{{ group.id }}"><td colspan="3">ROW {{ group.label }}
{% for item in group.items %}<p data-item="{{ item.id }}">ITEM {{ item.text }}{% if item.consent %}＊{% endif %}{{ item.contractor_note }}</p>
{% endfor %}</td></tr>
{% endfor %}{% endfor %}
</table>
{% else %}
{% for section in purposes.sections %}
<section data-section="{{ section.id }}">
<h2>SECTION {{ section.number }}. {{ section.title }}</h2>
<p class="short">SHORT {{ section.short_title }}</p>
{% if section.intro %}<p class="intro">INTRO {{ section.intro }}</p>
{% endif %}{% for group in section.groups %}<h3 data-group="{{ group.id }}" data-kind="{{ group.kind }}">GROUP {{ group.label }}</h3>
<ul>
{% for item in group.items %}<li data-item="{{ item.id }}">ITEM {{ item.text }}{% if item.consent %}＊{% endif %}{{ item.contractor_note }}</li>
{% endfor %}</ul>
{% endfor %}</section>
{% endfor %}
{% endif %}
{% if purposes.uses_consent %}<p class="legend">LEGEND {{ purposes.consent_legend }}</p>
{% endif %}</div>
{% endif %}
{% if contacts %}{% for c in contacts %}<div class="contact">
<p>DEPT {{ c.department }}</p>
{% if c.postal_line %}<p>POSTAL {{ c.postal_line }}</p>
{% endif %}{% if c.phone %}<p>TEL {{ c.phone }}</p>
{% endif %}{% if c.hours_line %}<p>HOURS {{ c.hours_line }}</p>
{% endif %}</div>
{% endfor %}{% elif kind == "contact" and union.address %}<div class="contact">
<p>DEPT {{ union.name }}</p>
<p>POSTAL {{ union.address }}</p>
</div>
{% endif %}
{% if abroad %}{% for a in abroad %}<p class="abroad">ABROAD {{ a.country }} {{ a.measures }}</p>
{% endfor %}{% endif %}{% if certified_body %}<p class="certified">CERTIFIED {{ certified_body.name }} {{ certified_body.contact }}</p>
{% endif %}{% if joint_use %}{% for u in joint_use %}<p class="joint">JOINT {{ u.items }} / {{ u.users }} / {{ u.purpose }} / {{ u.responsible }}</p>
{% endfor %}{% endif %}<footer>
{% if dates.established %}<p>ESTABLISHED {{ dates.established }}</p>
{% endif %}{% if dates.effective %}<p>EFFECTIVE {{ dates.effective }}</p>
{% endif %}{% if dates.published %}<p>PUBLISHED {{ dates.published }}</p>
{% endif %}{% for r in dates.revisions %}<p>REVISION {{ r.date }} {{ r.note }}</p>
{% endfor %}<p>BASE {{ dates.base_revision }} {{ dates.base_date }}</p>
</footer>
</body>
</html>
"##;

/// The fixture theme's portal template.
pub const PORTAL_TEMPLATE: &str = r##"<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>{{ site.title }}</title>
<link rel="stylesheet" href="{{ css }}">
</head>
<body>
<h1>PORTAL {{ site.title }}</h1>
<ul>
{% for u in unions %}<li><a href="{{ u.href }}" data-slug="{{ u.slug }}">{{ u.name }}</a></li>
{% endfor %}</ul>
</body>
</html>
"##;

/// The fixture theme's print page: every page's content behind a `PRINT-PAGE` marker.
pub const PRINT_TEMPLATE: &str = r##"<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>PRINT {{ union.name }}</title>
<link rel="stylesheet" href="{{ css }}">
</head>
<body>
<h1>PRINT {{ union.name }}</h1>
{% for page in pages %}<section data-print-page="{{ page.id }}">
<h2>PRINT-PAGE {{ page.title }}</h2>
{{ page.html | safe }}
</section>
{% endfor %}<footer>
<p>URL {{ print_url }}</p>
{% if print_date %}<p>DATE {{ print_date.label }} {{ print_date.wareki }} {{ print_date.seireki }}</p>
{% endif %}</footer>
</body>
</html>
"##;

/// What a page shows under its title, for the fixture's print page.
pub const PAGE_BODY_TEMPLATE: &str = r##"<div class="body">{{ body | safe }}</div>
{% if purposes %}{% for section in purposes.sections %}<h2>SECTION {{ section.title }}</h2>
{% for group in section.groups %}{% for item in group.items %}<p id="item-{{ item.id }}">ITEM {{ item.text }}{{ item.contractor_note }}</p>
{% endfor %}{% endfor %}{% endfor %}{% endif %}
"##;

/// The fixture theme's contractor index.
pub const CONTRACTORS_TEMPLATE: &str = r##"<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>CONTRACTORS</title>
<link rel="stylesheet" href="{{ css }}">
</head>
<body>
<h1>CONTRACTORS</h1>
{% for c in contractors %}<section id="{{ c.anchor }}" data-key="{{ c.key }}">
<h2>CONTRACTOR {{ c.name }}</h2>
{% for s in c.spellings %}<p>SPELLING {{ s }}</p>
{% endfor %}{% if c.phone_differs %}<p>PHONES DIFFER</p>
{% endif %}{% for u in c.unions %}<p data-union="{{ u.slug }}">USE {{ u.union_name }} {% for p in u.phones %}TEL {{ p }} {% endfor %}</p>
{% for i in u.items %}<a href="{{ i.href }}">ITEM {{ i.text }}</a>
{% endfor %}{% endfor %}</section>
{% endfor %}</body>
</html>
"##;

pub const FIXTURE_CSS: &str = "body { color: #222; margin: 0 auto; max-width: 40rem; }\n";
