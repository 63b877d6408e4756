"""Narrative for the bundled fixtures, in English and Welsh (the Welsh awaits a Welsh-speaking
editor's review, like every unconfirmed term in docs/welsh-glossary.md)."""

# standard code -> (strengths, areas for improvement); each item (en, cy)
FINDINGS = {
    "P 1.1": (
        [("Leaders had a clear vision for the PDU and communicated it well to staff, who understood local priorities.",
          "Roedd gan arweinwyr weledigaeth glir ar gyfer yr Uned, ac roeddent yn ei chyfleu'n dda i staff, a oedd yn deall y blaenoriaethau lleol."),
         ("Partnership arrangements with the police, local authorities and health services were well established.",
          "Roedd trefniadau partneriaeth gyda'r heddlu, awdurdodau lleol a gwasanaethau iechyd wedi'u hen sefydlu."),
         ("The head of PDU used performance and quality data to focus managers on the right areas of practice.",
          "Defnyddiodd pennaeth yr Uned ddata perfformiad ac ansawdd i ganolbwyntio rheolwyr ar y meysydd ymarfer cywir.")],
        [("Leaders did not have enough oversight of the quality of work to keep other people safe.",
          "Nid oedd gan arweinwyr ddigon o oruchwyliaeth dros ansawdd y gwaith i gadw pobl eraill yn ddiogel."),
         ("Plans to improve practice had not yet made a difference to the work we inspected.",
          "Nid oedd cynlluniau i wella ymarfer wedi gwneud gwahaniaeth eto i'r gwaith a arolygwyd gennym."),
         ("The views of people on probation were not used systematically to shape services.",
          "Nid oedd barn pobl ar brawf yn cael ei defnyddio'n systematig i lunio gwasanaethau.")]),
    "P 1.2": (
        [("Staff told us they felt valued and well supported by their managers.",
          "Dywedodd staff wrthym eu bod yn teimlo eu bod yn cael eu gwerthfawrogi a'u cefnogi'n dda gan eu rheolwyr."),
         ("Newly qualified officers received a structured induction and protected caseloads.",
          "Cafodd swyddogion newydd gymhwyso gyfnod sefydlu strwythuredig a llwythi achosion gwarchodedig."),
         ("Training completion rates were high, including for domestic abuse and safeguarding.",
          "Roedd cyfraddau cwblhau hyfforddiant yn uchel, gan gynnwys ar gam-drin domestig a diogelu.")],
        [("Workloads were high: many practitioners held caseloads above the level the workload tool recommends.",
          "Roedd llwythi gwaith yn uchel: roedd gan lawer o ymarferwyr lwythi achosion uwchlaw'r lefel a argymhellir gan yr offeryn llwyth gwaith."),
         ("Vacancies among probation officers meant that complex cases were held by less experienced staff.",
          "Roedd swyddi gwag ymhlith swyddogion prawf yn golygu bod achosion cymhleth yn cael eu dal gan staff llai profiadol."),
         ("Management oversight of cases was inconsistent and did not always improve the quality of work.",
          "Roedd goruchwyliaeth reoli o achosion yn anghyson ac nid oedd bob amser yn gwella ansawdd y gwaith.")]),
    "P 1.3": (
        [("The PDU had a good range of services to meet the needs of people on probation, including for women.",
          "Roedd gan yr Uned ystod dda o wasanaethau i ddiwallu anghenion pobl ar brawf, gan gynnwys menywod."),
         ("Links with accommodation providers helped people leaving prison to find somewhere to live.",
          "Roedd cysylltiadau â darparwyr llety yn helpu pobl sy'n gadael y carchar i ddod o hyd i rywle i fyw."),
         ("Practitioners knew which services were available and how to refer to them.",
          "Roedd ymarferwyr yn gwybod pa wasanaethau oedd ar gael a sut i atgyfeirio atynt.")],
        [("Referrals to commissioned rehabilitative services were low and not monitored closely enough.",
          "Roedd atgyfeiriadau i wasanaethau adsefydlu a gomisiynwyd yn isel ac nid oeddent yn cael eu monitro'n ddigon agos."),
         ("Accredited programmes had long waiting lists, so some people started them late in their sentence.",
          "Roedd rhestrau aros hir ar gyfer rhaglenni achrededig, felly dechreuodd rhai pobl arnynt yn hwyr yn eu dedfryd."),
         ("There were too few services for people with mental health needs.",
          "Nid oedd digon o wasanaethau ar gyfer pobl ag anghenion iechyd meddwl.")]),
    "P 2.1": (
        [("Assessments drew well on information from other agencies.",
          "Roedd asesiadau'n defnyddio gwybodaeth gan asiantaethau eraill yn dda."),
         ("Practitioners involved people on probation in their assessment and took account of their diversity.",
          "Roedd ymarferwyr yn cynnwys pobl ar brawf yn eu hasesiad ac yn ystyried eu hamrywiaeth.")],
        [("Too many assessments did not consider domestic abuse and child safeguarding information.",
          "Roedd gormod o asesiadau nad oeddent yn ystyried gwybodaeth am gam-drin domestig a diogelu plant."),
         ("Risk of harm to others was not always analysed well enough.",
          "Nid oedd risg o niwed i eraill bob amser yn cael ei dadansoddi'n ddigon da.")]),
    "P 2.2": (
        [("Plans set out realistic objectives that people on probation understood.",
          "Roedd cynlluniau'n nodi amcanion realistig yr oedd pobl ar brawf yn eu deall."),
         ("Planning addressed accommodation and employment needs well.",
          "Roedd y cynllunio yn mynd i'r afael ag anghenion llety a chyflogaeth yn dda.")],
        [("Contingency plans were often missing or did not say what would be done if risk increased.",
          "Roedd cynlluniau wrth gefn yn aml ar goll neu nid oeddent yn dweud beth fyddai'n cael ei wneud pe bai risg yn cynyddu."),
         ("Plans did not always include work with other agencies to keep victims safe.",
          "Nid oedd cynlluniau bob amser yn cynnwys gwaith gydag asiantaethau eraill i gadw dioddefwyr yn ddiogel.")]),
    "P 2.3": (
        [("Practitioners built good relationships with people on probation and were flexible about appointments.",
          "Roedd ymarferwyr yn meithrin perthnasoedd da â phobl ar brawf ac yn hyblyg ynghylch apwyntiadau."),
         ("Enforcement action was taken when needed and was proportionate.",
          "Cymerwyd camau gorfodi pan oedd angen ac roeddent yn gymesur.")],
        [("Home visits were not used enough in cases with domestic abuse or child safeguarding concerns.",
          "Nid oedd ymweliadau cartref yn cael eu defnyddio ddigon mewn achosion â phryderon am gam-drin domestig neu ddiogelu plant."),
         ("Services to address offending behaviour were not delivered in good time.",
          "Nid oedd gwasanaethau i fynd i'r afael ag ymddygiad troseddol yn cael eu darparu mewn da bryd.")]),
    "P 2.4": (
        [("Reviews took account of the views of people on probation.",
          "Roedd adolygiadau'n ystyried barn pobl ar brawf."),
         ("Changes in circumstances were usually noticed and followed by a review.",
          "Roedd newidiadau mewn amgylchiadau fel arfer yn cael eu nodi a'u dilyn gan adolygiad.")],
        [("Reviews were often late and did not always lead to a change of plan when risk changed.",
          "Roedd adolygiadau'n aml yn hwyr ac nid oeddent bob amser yn arwain at newid cynllun pan newidiodd risg."),
         ("Information from other agencies was not always sought at review.",
          "Nid oedd gwybodaeth gan asiantaethau eraill bob amser yn cael ei cheisio wrth adolygu.")]),
    "R 1.1": (
        [("Regional leaders had set a clear strategy to reduce reoffending, shared with partners.",
          "Roedd arweinwyr rhanbarthol wedi gosod strategaeth glir i leihau aildroseddu, wedi'i rhannu â phartneriaid."),
         ("The region's quality improvement plan was well understood by heads of PDU.",
          "Roedd penaethiaid yr Unedau yn deall cynllun gwella ansawdd y rhanbarth yn dda.")],
        [("The region did not have a clear enough picture of the quality of public protection work.",
          "Nid oedd gan y rhanbarth ddarlun digon clir o ansawdd gwaith diogelu'r cyhoedd."),
         ("Analysis of disproportionality had not yet led to action.",
          "Nid oedd dadansoddiad o anghymesuredd wedi arwain at weithredu eto.")]),
    "R 1.2": (
        [("The regional workforce strategy had increased the number of trainee probation officers.",
          "Roedd strategaeth gweithlu'r rhanbarth wedi cynyddu nifer y swyddogion prawf dan hyfforddiant."),
         ("Staff wellbeing was a clear priority for regional leaders.",
          "Roedd lles staff yn flaenoriaeth glir i arweinwyr rhanbarthol.")],
        [("Staffing shortfalls were spread unevenly across the region's PDUs.",
          "Roedd diffygion staffio wedi'u lledaenu'n anwastad ar draws Unedau'r rhanbarth."),
         ("The region could not show how workload pressures were being reduced.",
          "Ni allai'r rhanbarth ddangos sut yr oedd pwysau llwyth gwaith yn cael eu lleihau.")]),
    "R 2.1": (
        [("Practitioners across the region recognised most risks of harm to others.",
          "Roedd ymarferwyr ar draws y rhanbarth yn adnabod y rhan fwyaf o risgiau o niwed i eraill.")],
        [("Work to keep other people safe was the weakest area of practice across the region.",
          "Gwaith i gadw pobl eraill yn ddiogel oedd y maes ymarfer gwannaf ar draws y rhanbarth.")]),
    "R 2.2": (
        [("Work to support desistance was a relative strength across most PDUs.",
          "Roedd gwaith i gefnogi ymatal yn gryfder cymharol ar draws y rhan fwyaf o'r Unedau.")],
        [("Access to services to support desistance varied between PDUs.",
          "Roedd mynediad at wasanaethau i gefnogi ymatal yn amrywio rhwng yr Unedau.")]),
    "R 2.3": (
        [("Pre-sentence reports were timely and gave the court clear proposals.",
          "Roedd adroddiadau cyn dedfrydu yn amserol ac yn rhoi cynigion clir i'r llys.")],
        [("Domestic abuse and child safeguarding checks were not always completed before sentence.",
          "Nid oedd gwiriadau cam-drin domestig a diogelu plant bob amser yn cael eu cwblhau cyn dedfrydu.")]),
    "R 2.4": (
        [("Unpaid work placements were varied and people could use their skills.",
          "Roedd lleoliadau gwaith di-dâl yn amrywiol ac roedd pobl yn gallu defnyddio eu sgiliau.")],
        [("Too few people completed their hours within twelve months.",
          "Rhy ychydig o bobl a gwblhaodd eu horiau o fewn deuddeg mis.")]),
    "R 2.5": (
        [("Resettlement planning started early in most cases.",
          "Dechreuodd y cynllunio adsefydlu yn gynnar yn y rhan fwyaf o achosion.")],
        [("Too many people were released without settled accommodation.",
          "Cafodd gormod o bobl eu rhyddhau heb lety sefydlog.")]),
    "R 2.6": (
        [("Victim liaison officers kept victims well informed about key points of the sentence.",
          "Roedd swyddogion cyswllt dioddefwyr yn rhoi gwybodaeth dda i ddioddefwyr am bwyntiau allweddol y ddedfryd.")],
        [("Victims' views were not always passed on in time to inform licence conditions.",
          "Nid oedd barn dioddefwyr bob amser yn cael ei throsglwyddo mewn pryd i lywio amodau trwydded.")]),
}

SUMMARY = {
    True: ("Overall, we found that this work was done well in most cases.",
           "At ei gilydd, canfuom fod y gwaith hwn yn cael ei wneud yn dda yn y rhan fwyaf o achosion."),
    False: ("Overall, we found that this work needs to improve.",
            "At ei gilydd, canfuom fod angen i'r gwaith hwn wella."),
}

RECOMMENDATIONS = [
    ("pdu", "improve the quality of assessment, planning and reviewing of risk of harm, making full use of information from the police and children's social care",
     "wella ansawdd asesu, cynllunio ac adolygu risg o niwed, gan wneud defnydd llawn o wybodaeth gan yr heddlu a gofal cymdeithasol plant"),
    ("pdu", "make sure that home visits are carried out where there are domestic abuse or child safeguarding concerns",
     "sicrhau bod ymweliadau cartref yn cael eu cynnal lle mae pryderon am gam-drin domestig neu ddiogelu plant"),
    ("region", "reduce workloads so that practitioners have the time to supervise cases well",
     "leihau llwythi gwaith fel bod gan ymarferwyr amser i oruchwylio achosion yn dda"),
    ("probation-service", "make sure that practitioners can access information from partner agencies on domestic abuse and child safeguarding in good time",
     "sicrhau bod ymarferwyr yn gallu cael gafael ar wybodaeth gan asiantaethau partner am gam-drin domestig a diogelu plant mewn da bryd"),
]

FOREWORD = [
    ("This inspection is part of our programme of inspections of probation services in England and Wales. We inspected {name_en} over two weeks, looking at the quality of work with people on probation and at how the PDU is led and organised.",
     "Mae'r arolygiad hwn yn rhan o'n rhaglen o arolygiadau o wasanaethau prawf yng Nghymru a Lloegr. Buom yn arolygu gwaith {name_cy_in} dros bythefnos, gan edrych ar ansawdd y gwaith gyda phobl ar brawf ac ar sut mae'r Uned yn cael ei harwain a'i threfnu."),
    ("We thank the head of PDU and all the staff who helped us, and the people on probation who spoke to us about their experiences.",
     "Diolchwn i bennaeth yr Uned a'r holl staff a'n cynorthwyodd, ac i'r bobl ar brawf a siaradodd â ni am eu profiadau."),
]

FOREWORD_REGION = (
    "This is our regional inspection, which follows our inspections of every PDU in the region. It rates the region's leadership and staffing, and the quality of public protection, desistance, court, unpaid, resettlement and victim work across all the cases we inspected.",
    "Dyma ein harolygiad rhanbarthol, sy'n dilyn ein harolygiadau o bob Uned yn y rhanbarth. Mae'n graddio arweinyddiaeth a staffio'r rhanbarth, ac ansawdd gwaith diogelu'r cyhoedd, ymatal, gwaith llys, gwaith di-dâl, adsefydlu a gwaith gyda dioddefwyr ar draws yr holl achosion a arolygwyd gennym.")

OVERALL = {
    "good": ("Leadership was strong and staff were committed to good-quality work. Practice to support desistance was a strength, but work to keep other people safe was less consistent.",
             "Roedd yr arweinyddiaeth yn gryf ac roedd y staff wedi ymrwymo i waith o ansawdd da. Roedd ymarfer i gefnogi ymatal yn gryfder, ond roedd gwaith i gadw pobl eraill yn ddiogel yn llai cyson."),
    "weak": ("The PDU was under considerable pressure from high workloads and staff vacancies. Although staff were committed, the quality of case supervision was not good enough, particularly in keeping other people safe.",
             "Roedd yr Uned dan bwysau sylweddol oherwydd llwythi gwaith uchel a swyddi gwag. Er bod y staff wedi ymrwymo, nid oedd ansawdd goruchwylio achosion yn ddigon da, yn enwedig o ran cadw pobl eraill yn ddiogel."),
}

OVERALL_REGION = {
    "good": ("Regional leaders had a clear strategy and most PDUs delivered good-quality work. Practice to keep other people safe was the least consistent across the region.",
             "Roedd gan arweinwyr rhanbarthol strategaeth glir ac roedd y rhan fwyaf o'r Unedau yn darparu gwaith o ansawdd da. Ymarfer i gadw pobl eraill yn ddiogel oedd y lleiaf cyson ar draws y rhanbarth."),
    "weak": ("The region's PDUs were under considerable pressure from high workloads and staff vacancies. Staff were committed, but the quality of case supervision was not good enough across the region, particularly in keeping other people safe.",
             "Roedd Unedau'r rhanbarth dan bwysau sylweddol oherwydd llwythi gwaith uchel a swyddi gwag. Roedd y staff wedi ymrwymo, ond nid oedd ansawdd goruchwylio achosion yn ddigon da ar draws y rhanbarth, yn enwedig o ran cadw pobl eraill yn ddiogel."),
}

PREVIOUS = (
    ("Improve the quality of risk assessment and management in domestic abuse cases.",
     "Gwella ansawdd asesu a rheoli risg mewn achosion cam-drin domestig."),
    ("Some progress had been made: domestic abuse checks were now requested at the start of every case, but the information was not always used.",
     "Roedd rhywfaint o gynnydd wedi'i wneud: roedd gwiriadau cam-drin domestig bellach yn cael eu gofyn ar ddechrau pob achos, ond nid oedd y wybodaeth bob amser yn cael ei defnyddio."),
)

PRACTICE = (
    ("A women's centre in the PDU's main office",
     "Canolfan i fenywod ym mhrif swyddfa'r Uned"),
    ("Women on probation could see their practitioner, a health worker and a housing adviser in one visit, in a space set aside for them.",
     "Gallai menywod ar brawf weld eu hymarferydd, gweithiwr iechyd a chynghorydd tai mewn un ymweliad, mewn man a neilltuwyd ar eu cyfer."),
)

KEY_FINDINGS_REGION = (
    "The region's ratings reflect committed staff working under sustained pressure, with public protection the weakest area across its PDUs.",
    "Mae graddiadau'r rhanbarth yn adlewyrchu staff ymroddedig yn gweithio dan bwysau parhaus, gyda diogelu'r cyhoedd yn faes gwannaf ar draws ei Unedau.")

KEY_FINDINGS = (
    ("The ratings reflect a PDU with committed staff under sustained pressure.",
     "Mae'r graddiadau'n adlewyrchu Uned â staff ymroddedig o dan bwysau parhaus."),
)

NATIONAL_INTRO = (
    "This review asks how national arrangements support the regions and PDUs we inspect. We do not rate the national level: the review sets the context for our regional and PDU findings and helps us direct recommendations to the right level.",
    "Mae'r adolygiad hwn yn gofyn sut mae trefniadau cenedlaethol yn cefnogi'r rhanbarthau a'r Unedau a arolygwn. Nid ydym yn graddio'r lefel genedlaethol: mae'r adolygiad yn gosod y cyd-destun ar gyfer ein canfyddiadau rhanbarthol a'n canfyddiadau am yr Unedau, ac yn ein helpu i gyfeirio argymhellion at y lefel gywir.")

NATIONAL_EVIDENCE = [
    ("National policies and strategies provided by the Effective Practice and Service Improvement Group (EPSIG)",
     "Polisïau a strategaethau cenedlaethol a ddarparwyd gan y Grŵp Ymarfer Effeithiol a Gwella Gwasanaethau (EPSIG)"),
    ("Interviews with national leaders in HM Prison and Probation Service and the Ministry of Justice",
     "Cyfweliadau ag arweinwyr cenedlaethol yng Ngwasanaeth Carchardai a Phrawf EF a'r Weinyddiaeth Gyfiawnder"),
    ("Case inspections and staff questionnaires from the regional and PDU inspections",
     "Arolygiadau achosion a holiaduron staff o'r arolygiadau rhanbarthol ac arolygiadau'r Unedau"),
    ("Performance, workforce and contract data published by HM Prison and Probation Service",
     "Data perfformiad, gweithlu a chontractau a gyhoeddwyd gan Wasanaeth Carchardai a Phrawf EF"),
]

NATIONAL = {
    "N.1.1": (("The national reducing reoffending strategy sets a clear, evidence-based vision, but the delivery plan beneath it had not been updated since the Probation Reset changes of July 2024.",
               "Mae'r strategaeth genedlaethol i leihau aildroseddu yn gosod gweledigaeth glir sy'n seiliedig ar dystiolaeth, ond nid oedd y cynllun cyflawni oddi tani wedi'i ddiweddaru ers newidiadau Ailosod y Gwasanaeth Prawf ym mis Gorffennaf 2024."), [0, 1]),
    "N.1.2": (("National leaders had assessed the equality impact of the Probation Reset, but regions told us they had too little time to prepare before it took effect.",
               "Roedd arweinwyr cenedlaethol wedi asesu effaith Ailosod y Gwasanaeth Prawf ar gydraddoldeb, ond dywedodd y rhanbarthau wrthym nad oedd ganddynt ddigon o amser i baratoi cyn iddo ddod i rym."), [1, 2]),
    "N.1.3": (("Staff in every region we inspected said national communication was frequent but did not always explain the reasons for changes.",
               "Dywedodd staff ym mhob rhanbarth a arolygwyd gennym fod cyfathrebu cenedlaethol yn aml ond nad oedd bob amser yn esbonio'r rhesymau dros newidiadau."), [2]),
    "N.1.4": (("National assurance arrangements were comprehensive; the views of people on probation were gathered nationally but rarely used to change services.",
               "Roedd trefniadau sicrwydd cenedlaethol yn gynhwysfawr; roedd barn pobl ar brawf yn cael ei chasglu'n genedlaethol ond anaml y câi ei defnyddio i newid gwasanaethau."), [0, 3]),
    "N.2.1": (("The workload measurement tool was used in every region, but national resourcing had not kept pace with caseloads in the largest PDUs.",
               "Roedd yr offeryn mesur llwyth gwaith yn cael ei ddefnyddio ym mhob rhanbarth, ond nid oedd adnoddau cenedlaethol wedi cadw i fyny â llwythi achosion yn yr Unedau mwyaf."), [2, 3]),
    "N.2.2": (("Record numbers of trainee probation officers had been recruited; retention of newly qualified officers remained a national risk.",
               "Roedd y nifer uchaf erioed o swyddogion prawf dan hyfforddiant wedi'u recriwtio; roedd cadw swyddogion newydd gymhwyso yn dal yn risg genedlaethol."), [1, 3]),
    "N.2.3": (("National learning arrangements were well regarded, but the impact of training on practice was not evaluated.",
               "Roedd barn dda am drefniadau dysgu cenedlaethol, ond nid oedd effaith hyfforddiant ar ymarfer yn cael ei gwerthuso."), [0, 2]),
    "N.3.1": (("The national analysis of the profile of people on probation covered risk of harm well but paid too little attention to disproportionality.",
               "Roedd y dadansoddiad cenedlaethol o broffil pobl ar brawf yn ymdrin yn dda â risg o niwed, ond ni roddodd ddigon o sylw i anghymesuredd."), [0, 3]),
    "N.3.2": (("Commissioned rehabilitative services were available in every region, but referral rates varied widely and were not well understood nationally.",
               "Roedd gwasanaethau adsefydlu a gomisiynwyd ar gael ym mhob rhanbarth, ond roedd cyfraddau atgyfeirio yn amrywio'n fawr ac nid oeddent yn cael eu deall yn dda yn genedlaethol."), [2, 3]),
    "N.4.1": (("Most probation offices were safe and accessible; too few had private rooms suitable for work with victims of domestic abuse.",
               "Roedd y rhan fwyaf o swyddfeydd prawf yn ddiogel ac yn hygyrch; rhy ychydig ohonynt a oedd ag ystafelloedd preifat a oedd yn addas ar gyfer gwaith gyda dioddefwyr cam-drin domestig."), [2]),
    "N.4.2": (("Case management systems were reliable, but practitioners still could not see police and children's social care information in good time.",
               "Roedd systemau rheoli achosion yn ddibynadwy, ond ni allai ymarferwyr weld gwybodaeth yr heddlu a gofal cymdeithasol plant mewn da bryd o hyd."), [1, 2]),
}

# Statements of the staff questionnaire (§3.8) and of the survey of people on probation (§6.7),
# by the standard each bears on: (code, standard, (en, cy), short label for a chart (en, cy)).
STAFF_SURVEY = [
    ("vision", "P 1.1", ("Leaders in the PDU communicate a clear vision for its work.",
                         "Mae arweinwyr yr Uned yn cyfleu gweledigaeth glir ar gyfer ei gwaith."), ("a clear vision", "gweledigaeth glir")),
    ("raise-concerns", "P 1.1", ("I feel able to raise concerns with senior leaders.",
                                 "Rwy'n teimlo fy mod yn gallu codi pryderon gydag uwch-arweinwyr."), ("able to raise concerns", "gallu codi pryderon")),
    ("workload", "P 1.2", ("My workload is manageable.",
                           "Mae fy llwyth gwaith yn hylaw."), ("manageable workload", "llwyth gwaith hylaw")),
    ("supervision", "P 1.2", ("I receive regular, good-quality supervision from my manager.",
                              "Rwy'n cael goruchwyliaeth reolaidd o ansawdd da gan fy rheolwr."), ("good supervision", "goruchwyliaeth dda")),
    ("training", "P 1.2", ("I have had the training I need to do my job well.",
                           "Rwyf wedi cael yr hyfforddiant sydd ei angen arnaf i wneud fy swydd yn dda."), ("the training needed", "yr hyfforddiant sydd ei angen")),
    ("services", "P 1.3", ("The services the people I supervise need are available.",
                           "Mae'r gwasanaethau sydd eu hangen ar y bobl rwy'n eu goruchwylio ar gael."), ("services available", "gwasanaethau ar gael")),
]
REGIONAL_STAFF_SURVEY = [
    ("vision", "R 1.1", ("Regional leaders communicate a clear vision for probation services in the region.",
                         "Mae arweinwyr rhanbarthol yn cyfleu gweledigaeth glir ar gyfer gwasanaethau prawf yn y rhanbarth."), ("a clear vision", "gweledigaeth glir")),
    ("workload", "R 1.2", ("My workload is manageable.",
                           "Mae fy llwyth gwaith yn hylaw."), ("manageable workload", "llwyth gwaith hylaw")),
    ("training", "R 1.2", ("I have had the training I need to do my job well.",
                           "Rwyf wedi cael yr hyfforddiant sydd ei angen arnaf i wneud fy swydd yn dda."), ("the training needed", "yr hyfforddiant sydd ei angen")),
]
PEOPLE_SURVEY = [
    ("asked-views", "P 1.1", ("I have been asked for my views on the probation service.",
                              "Gofynnwyd imi am fy marn am y gwasanaeth prawf."), ("asked for my views", "gofynnwyd am fy marn")),
    ("listened", "P 1.3", ("My probation practitioner listens to me.",
                           "Mae fy ymarferydd prawf yn gwrando arnaf."), ("my practitioner listens", "fy ymarferydd yn gwrando")),
    ("help", "P 1.3", ("I have had help with the things that matter to me, such as housing and work.",
                       "Rwyf wedi cael help gyda'r pethau sy'n bwysig imi, fel tai a gwaith."), ("help with what matters", "help gyda'r hyn sy'n bwysig")),
]
