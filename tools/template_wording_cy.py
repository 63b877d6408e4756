"""Welsh wording of the templates' fixed text, used by build_templates.py to lay out the first
Welsh templates (templates/cy/). From then on the Welsh templates are the source: the Welsh
translation team edits them in Word.

No placeholder follows a word that mutates it (yn, i, o, a, ar, am, ei, tri, chwe, ...): a name
or a date is introduced by a colon, stands first in its clause, or comes from the data already
mutated ({{ region_in }} is "yng Nghymru"). tests/test_welsh.py checks it.
"""

CY = {
    "HM Inspectorate of Probation": "Arolygiaeth Prawf EF",
    "HM Inspectorate of Probation, 1st Floor Civil Justice Centre, 1 Bridge Street West, "
    "Manchester M3 3FX": "Arolygiaeth Prawf EF, Llawr 1af, Canolfan Cyfiawnder Sifil, "
    "1 Bridge Street West, Manceinion M3 3FX",
    "Probation Service, {{ region_name }}": "Y Gwasanaeth Prawf, {{ region_name }}",
    "Our reference: {{ reference }}": "Ein cyfeirnod: {{ reference }}",
    "Date: {{ date }}": "Dyddiad: {{ date }}",
    "Dear {{ addressee.name }}": "Annwyl {{ addressee.name }}",
    "I am writing to tell you that HM Inspectorate of Probation will inspect probation services "
    "{{ region_in }}. We inspect each of the region's {{ pdu_count }} probation delivery units "
    "(PDUs) in turn, each over two weeks (cases in the first week, meetings in the second), and "
    "then the region itself. {% if batch_total > 1 %}We announce the PDUs in {{ batches }} "
    "batches; this letter announces the first.{% else %}This letter announces all of them."
    "{% endif %}":
    "Ysgrifennaf i roi gwybod ichi y bydd Arolygiaeth Prawf EF yn arolygu gwasanaethau prawf "
    "{{ region_in }}. Rydym yn arolygu pob un o'r {{ pdu_count }} Uned Gyflawni Prawf yn y "
    "rhanbarth yn eu tro, bob un dros bythefnos (achosion yn yr wythnos gyntaf, cyfarfodydd yn "
    "yr ail), ac yna'r rhanbarth ei hun. {% if batch_total > 1 %}Rydym yn cyhoeddi'r Unedau "
    "fesul swp (nifer y sypiau: {{ batches }}); mae'r llythyr hwn yn cyhoeddi'r swp cyntaf."
    "{% else %}Mae'r llythyr hwn yn eu cyhoeddi i gyd.{% endif %}",
    "The regional inspection rates leadership and staffing, and the quality of public "
    "protection, desistance, court work, unpaid work, resettlement and victim work, drawing on "
    "every case we inspect in the region's PDUs.":
    "Mae'r arolygiad rhanbarthol yn graddio arweinyddiaeth a staffio, ac ansawdd gwaith "
    "diogelu'r cyhoedd, ymatal, gwaith llys, gwaith di-dâl, adsefydlu a gwaith gyda "
    "dioddefwyr, gan ddefnyddio pob achos a arolygwn yn Unedau'r rhanbarth.",
    "The first PDUs to be inspected": "Yr Unedau cyntaf i'w harolygu",
    "Table 1: PDUs in the first batch, with their fieldwork":
    "Tabl 1: Yr Unedau yn y swp cyntaf, a'u gwaith maes",
    "PDU": "Uned",
    "Where we will be": "Ble byddwn ni",
    "Fieldwork": "Gwaith maes",
    "The regional fieldwork is provisionally planned for {{ regional_fieldwork }}.":
    "Dyddiadau dros dro y gwaith maes rhanbarthol: {{ regional_fieldwork }}.",
    "What we ask of you": "Beth rydym yn ei ofyn gennych",
    "Please name the link senior manager for the inspection by {{ link_manager_by }}.":
    "Enwch yr uwch-reolwr cyswllt ar gyfer yr arolygiad erbyn {{ link_manager_by }}.",
    "The initial regional planning meeting will be held on {{ planning_meeting.date }} at "
    "{{ planning_meeting.time }} ({{ planning_meeting.minutes }} minutes, "
    "{{ planning_meeting.where }}), with {{ spoc.name }} as the region's single point of "
    "contact.":
    "Y cyfarfod cynllunio rhanbarthol cychwynnol: {{ planning_meeting.date }}, "
    "{{ planning_meeting.time }} ({{ planning_meeting.minutes }} munud, "
    "{{ planning_meeting.where }}). Pwynt cyswllt unigol y rhanbarth: {{ spoc.name }}.",
    "Please send the organisational structure and office locations of the region and its PDUs "
    "to {{ mailbox }} by {{ structure_by }}, not to the portal.":
    "Anfonwch strwythur sefydliadol a lleoliadau swyddfeydd y rhanbarth a'i Unedau i'r blwch "
    "post ({{ mailbox }}) erbyn {{ structure_by }}, nid i'r porth.",
    "Please upload the regional evidence in advance, with the organisational data spreadsheet "
    "enclosed with this letter, to the evidence in advance portal by {{ evidence_by }}. The "
    "enclosed instructions explain how to reach the portal.":
    "Llwythwch y dystiolaeth ranbarthol ymlaen llaw, gyda'r daenlen data sefydliadol sydd "
    "wedi'i hamgáu gyda'r llythyr hwn, i'r porth tystiolaeth ymlaen llaw erbyn "
    "{{ evidence_by }}. Mae'r cyfarwyddiadau amgaeedig yn esbonio sut i gyrraedd y porth.",
    "The staff questionnaire opens on {{ questionnaire_opens }}; please share its link with all "
    "staff in the region.":
    "Holiadur y staff yn agor: {{ questionnaire_opens }}. Rhannwch ei ddolen â'r holl staff yn "
    "y rhanbarth.",
    "I am writing to confirm the PDUs in batch {{ batch_number }} of {{ batches }} of our "
    "inspection of probation services {{ region_in }}, with their fieldwork dates. Each PDU's "
    "project plan is enclosed.":
    "Ysgrifennaf i gadarnhau'r Unedau yn swp rhif {{ batch_number }} (nifer y sypiau: "
    "{{ batches }}) yn ein harolygiad o wasanaethau prawf {{ region_in }}, a dyddiadau eu "
    "gwaith maes. Amgaeir cynllun prosiect pob Uned.",
    "Table 1: PDUs in batch {{ batch_number }}, with their key dates":
    "Tabl 1: Yr Unedau yn swp rhif {{ batch_number }}, a'u dyddiadau allweddol",
    "Planning meeting": "Cyfarfod cynllunio",
    "Evidence in advance by": "Tystiolaeth ymlaen llaw erbyn",
    "Please send all correspondence to {{ mailbox }}. {{ administrator.name }} "
    "({{ administrator.role }}) will be in touch about the arrangements.":
    "Anfonwch bob gohebiaeth i'r blwch post: {{ mailbox }}. Bydd {{ administrator.name }} "
    "({{ administrator.role }}) yn cysylltu â chi ynghylch y trefniadau.",
    "Yours sincerely": "Yn gywir",
    "Copy: {{ copies|join(', ') }}": "Copi: {{ copies|join(', ') }}",
    "Covering {{ period }}": "Cyfnod: {{ period }}",
    "Published: {{ publication_date }}": "Cyhoeddwyd: {{ publication_date }}",
    "Lead: {{ lead_inspector.name }}, {{ lead_inspector.role }}":
    "Arweinydd: {{ lead_inspector.name }}, {{ lead_inspector.role }}",
    "Contents": "Cynnwys",
    "The contents are updated when the document is converted; in Word, right-click here and "
    "choose Update field.":
    "Caiff y cynnwys ei ddiweddaru pan gaiff y ddogfen ei throsi; yn Word, de-gliciwch yma a "
    "dewis Diweddaru maes.",
    "Introduction": "Rhagarweiniad",
    "We do not rate the national level. For each of the four national standards (framework "
    "{{ framework }}) we set out what we found against each key question, and the evidence it "
    "rests on.":
    "Nid ydym yn graddio'r lefel genedlaethol. Ar gyfer pob un o'r pedair safon genedlaethol "
    "(fframwaith {{ framework }}) rydym yn nodi'r hyn a ganfuom yn erbyn pob cwestiwn "
    "allweddol, a'r dystiolaeth sy'n sail iddo.",
    "Evidence": "Tystiolaeth",
    "Panel held on {{ panel_date }}, after fieldwork from {{ fieldwork }}.":
    "Dyddiad y panel: {{ panel_date }}. Gwaith maes: {{ fieldwork }}.",
    "The panel": "Y panel",
    "Chair: {{ chair.name }}, {{ chair.role }}": "Cadeirydd: {{ chair.name }}, {{ chair.role }}",
    "Members:": "Aelodau:",
    "Agreed ratings": "Y graddiadau y cytunwyd arnynt",
    "Table 1: Ratings agreed by the panel for {{ place }}":
    "Tabl 1: Graddiadau y cytunodd y panel arnynt ar gyfer {{ place }}",
    "Standard": "Safon",
    "Rating": "Graddiad",
    "Overall rating (score {{ overall.score }}/{{ overall.max }})":
    "Graddiad cyffredinol (sgôr {{ overall.score }}/{{ overall.max }})",
    "Decisions of the panel": "Penderfyniadau'r panel",
    "The panel agreed these ratings although the ratings rules give another, for the reasons "
    "given.":
    "Cytunodd y panel ar y graddiadau hyn er bod y rheolau graddio yn rhoi graddiad arall, am "
    "y rhesymau a roddir.",
    "Table 2: Ratings the panel agreed against the rules":
    "Tabl 2: Graddiadau y cytunodd y panel arnynt yn groes i'r rheolau",
    "Rating the rules give": "Graddiad y rheolau",
    "Reason": "Rheswm",
    "Key findings": "Canfyddiadau allweddol",
    "Progress on previous recommendations": "Cynnydd ar argymhellion blaenorol",
    "What happens next": "Beth sy'n digwydd nesaf",
    "This summary is sent to {{ place }} by {{ send_by }}. The lead inspector will explain the "
    "panel's decisions. The full evidence is in the draft report, sent for a factual accuracy "
    "check: that is the time to raise any challenge to a rating, on which the chief operating "
    "officer's decision is final.":
    "Bydd {{ place }} yn cael y crynodeb hwn erbyn {{ send_by }}. Bydd yr arolygydd arweiniol "
    "yn esbonio penderfyniadau'r panel. Mae'r dystiolaeth lawn yn yr adroddiad drafft, a "
    "anfonir ar gyfer gwirio cywirdeb ffeithiol: dyna'r amser i herio graddiad, a phenderfyniad "
    "y prif swyddog gweithredu ar hynny yw'r penderfyniad terfynol.",
    "PDU inspection report": "Adroddiad arolygu Uned Gyflawni Prawf",
    "Fieldwork: {{ fieldwork }}": "Gwaith maes: {{ fieldwork }}",
    "Lead inspector: {{ lead_inspector }}": "Arolygydd arweiniol: {{ lead_inspector }}",
    "Foreword": "Rhagair",
    "Ratings": "Graddiadau",
    "Table {{ ratings_table_number }}: Ratings of {{ pdu_name }}, by standard":
    "Tabl {{ ratings_table_number }}: Graddiadau {{ pdu_name }}, fesul safon",
    "Overall findings": "Canfyddiadau cyffredinol",
    "Recommendations": "Argymhellion",
    "1. Organisational arrangements and activity": "1. Trefniadau a gweithgarwch sefydliadol",
    "Rating: {{ s.rating_label }}": "Graddiad: {{ s.rating_label }}",
    "Strengths": "Cryfderau",
    "Areas for improvement": "Meysydd i'w gwella",
    "2. Service delivery": "2. Cyflawni gwasanaethau",
    "For each standard we judged every inspected case against each key question. The "
    "standard's rating is the band of its lowest key question: under 50% of cases judged "
    "sufficient is Inadequate, 50% to 64% Requires improvement, 65% to 79% Good, and 80% or "
    "more Outstanding.":
    "Ar gyfer pob safon, barnwyd pob achos a arolygwyd yn erbyn pob cwestiwn allweddol. Mae "
    "graddiad y safon yn dilyn band ei chwestiwn allweddol isaf: llai na 50% o achosion wedi'u "
    "barnu'n ddigonol yw Annigonol, 50% i 64% yw Angen gwella, 65% i 79% yw Da, ac 80% neu fwy "
    "yw Rhagorol.",
    "Table {{ s.table_number }}: {{ s.title }}: cases judged sufficient, by key question":
    "Tabl {{ s.table_number }}: {{ s.title }}: achosion a farnwyd yn ddigonol, fesul cwestiwn "
    "allweddol",
    "Key question": "Cwestiwn allweddol",
    "Core: yes": "Craidd: ie",
    "Core: no": "Craidd: na",
    "Adjusted: yes": "Addasedig: ie",
    "Adjusted: no": "Addasedig: na",
    "All: yes": "Pob un: ie",
    "All: no": "Pob un: na",
    "Yes (%)": "Ie (%)",
    "No (%)": "Na (%)",
    "Figure {{ s.figure_number }}: {{ s.chart_caption }}":
    "Ffigur {{ s.figure_number }}: {{ s.chart_caption }}",
    "Effective or innovative practice": "Ymarfer effeithiol neu arloesol",
    "Annex 1: The inspected cases": "Atodiad 1: Yr achosion a arolygwyd",
    "We inspected {{ profile.cases }} cases in which the sentence or licence began in two weeks "
    "between 26 and 33 weeks before the fieldwork.":
    "Nifer yr achosion a arolygwyd: {{ profile.cases }}. Dechreuodd y ddedfryd neu'r drwydded "
    "yn yr achosion hyn mewn dwy wythnos rhwng 26 a 33 wythnos cyn y gwaith maes.",
    "Table {{ profile.table_number }}: The inspected cases":
    "Tabl {{ profile.table_number }}: Yr achosion a arolygwyd",
    "Cases": "Achosion",
    "Number": "Nifer",
    "Share of all cases": "Cyfran o'r holl achosion",
    "Reference: {{ reference }}. Issued: {{ issued }}.":
    "Cyfeirnod: {{ reference }}. Dyddiad cyhoeddi: {{ issued }}.",
    "Key dates": "Dyddiadau allweddol",
    "The dates follow the inspection manual from the fieldwork dates. Please check them and "
    "raise any issue with the administrator, {{ administrator.name }} ({{ mailbox }})."
    "{% if flagged_count %} Dates that fall on a bank holiday are flagged in the notes "
    "({{ flagged }} in this plan): we will agree another date with you.{% endif %}":
    "Mae'r dyddiadau'n dilyn llawlyfr yr arolygiad o ddyddiadau'r gwaith maes. Gwiriwch nhw a "
    "chodwch unrhyw fater â'r gweinyddwr, {{ administrator.name }} ({{ mailbox }})."
    "{% if flagged_count %} Mae dyddiadau sy'n disgyn ar ŵyl banc wedi'u nodi yn y nodiadau "
    "(nifer yn y cynllun hwn: {{ flagged }}): byddwn yn cytuno ar ddyddiad arall gyda chi."
    "{% endif %}",
    "Table 1: Key dates and activities of the inspection of {{ place }}":
    "Tabl 1: Dyddiadau a gweithgareddau allweddol arolygiad {{ place }}",
    "Activity": "Gweithgaredd",
    "Date": "Dyddiad",
    "Who acts": "Pwy sy'n gweithredu",
    "Notes": "Nodiadau",
    "Contacts": "Cysylltiadau",
    "Lead inspector: {{ lead_inspector.name }}": "Arolygydd arweiniol: {{ lead_inspector.name }}",
    "Administrator: {{ administrator.name }}": "Gweinyddwr: {{ administrator.name }}",
    "Single point of contact: {{ spoc.name }}": "Pwynt cyswllt unigol: {{ spoc.name }}",
    "Inspection mailbox: {{ mailbox }}": "Blwch post yr arolygiad: {{ mailbox }}",
    "Regional inspection report": "Adroddiad arolygu rhanbarthol",
    "Table {{ ratings_table_number }}: Ratings of {{ region_name }}, by standard":
    "Tabl {{ ratings_table_number }}: Graddiadau {{ region_name }}, fesul safon",
    "The PDUs in the region": "Yr Unedau yn y rhanbarth",
    "We inspected each of the {{ pdu_count }} PDUs {{ region_in }} before the regional "
    "fieldwork. Their ratings are below; each PDU's report gives its findings.":
    "Arolygwyd pob un o'r {{ pdu_count }} Uned {{ region_in }} cyn y gwaith maes rhanbarthol. "
    "Mae eu graddiadau isod; mae adroddiad pob Uned yn rhoi ei chanfyddiadau.",
    "Table {{ pdu_table_number }}: Ratings of the PDUs {{ region_in }}":
    "Tabl {{ pdu_table_number }}: Graddiadau'r Unedau {{ region_in }}",
    "Leadership": "Arweinyddiaeth",
    "Staffing": "Staffio",
    "Services": "Gwasanaethau",
    "Assessment": "Asesu",
    "Planning": "Cynllunio",
    "Implementation and delivery": "Gweithredu a chyflawni",
    "Reviewing": "Adolygu",
    "Overall rating (score of 21)": "Graddiad cyffredinol (sgôr/21)",
    "Figure {{ pdu_chart.figure_number }}: {{ pdu_chart.chart_caption }}":
    "Ffigur {{ pdu_chart.figure_number }}: {{ pdu_chart.chart_caption }}",
    "Public protection and desistance are rated from every case inspected in the region's PDUs; "
    "court work and resettlement from the PDU cases where that work was done; unpaid work and "
    "victim work from the region's own cohorts. A standard's rating is the band of its lowest "
    "key question: under 50% of cases judged sufficient is Inadequate, 50% to 64% Requires "
    "improvement, 65% to 79% Good, and 80% or more Outstanding.":
    "Caiff diogelu'r cyhoedd ac ymatal eu graddio o bob achos a arolygwyd yn Unedau'r "
    "rhanbarth; gwaith llys ac adsefydlu o'r achosion yn yr Unedau lle gwnaed y gwaith hwnnw; "
    "gwaith di-dâl a gwaith gyda dioddefwyr o garfanau'r rhanbarth ei hun. Mae graddiad safon "
    "yn dilyn band ei chwestiwn allweddol isaf: llai na 50% o achosion wedi'u barnu'n ddigonol "
    "yw Annigonol, 50% i 64% yw Angen gwella, 65% i 79% yw Da, ac 80% neu fwy yw Rhagorol.",
}
