"""Template text left unfilled, found by its shape rather than by a list of phrasings.

A template leaves a gap where a value belongs, and a gap has a few shapes whatever its words:

- a mask: runs of X standing for digits or letters ("XXXX", "020 XXXX XXXX", "xx/xx/xxxx", "xxxx@xxxx.sch.uk",
  "x.x"), a date mask ("DD/MM/YYYY", "mm/yy"), "Y/N", question marks ("???");
- a blank: underscores or dots to write on ("______", "........", "……");
- a slot: a bracketed field ("[School name]", "<insert email address>", "<<headteacher>>",
  "{Name}", "(name)", "(specified periods)"), told from an ordinary bracket by what is inside:
  an instruction (insert, enter, add, delete...), or only the words of a field (a name, a date, a
  role, an address...), or a field in capitals;
- a field in capitals in an ordinary sentence ("YOUR SCHOOL makes...", "on DATE");
- "Name of <field>" with no article, the way a form labels a gap ("Name of institution");
- an instruction to whoever fills the template in: "(delete as appropriate)", "Add details
  here", "This is a template document", "adapted as appropriate ... your school"; the template
  speaking to the schools that adopt it ("each school should adapt...", "(schools may also want
  to add...)", "The template is designed to...", "does not form part of the policy", "Describe
  how the school ..."), text marked out in colour or brackets;
- a choice left unmade: "will / will not", roles to choose from in brackets where a noun belongs
  ("to the (headteacher/DSL)"), and a field's own name or a form's dummy as a value ("Name
  Surname", "Joe Bloggs");
- a label with nothing after it ("Review date:", "Online safety lead (if different):") at the
  end of the text, or followed only by another label.

``find(text)`` gives (offset, text found) for each; the trust's own phrases
(``settings.placeholder_phrases``) are matched besides these, in placeholders.py.
"""

from __future__ import annotations

import re

from builder.source.review_text import MONTH_WORD
from builder.checks.sources import Spans, quoted

# The words of a field: what a gap in a policy stands for.
FIELD = frozenset("""
name names date dates time email e-mail address addresses telephone phone tel number numbers url
link website web title role job person persons people details detail contact contacts school
academy trust setting organisation institution headteacher head principal dsl dpo senco governor
governors chair lead leader officer manager clerk period periods platform platforms amount
postcode town county month year day signature signed logo premises authority
""".split())
INSTRUCTION = frozenset("insert enter add type delete amend adapt specify state complete fill choose "
                        "select edit replace include list tbc tba tbd".split())
# the words of a field that only a gap is: "(name)", "(date)", "(specified periods)"
GAP = frozenset("name names date dates time details number email e-mail address telephone amount "
                "period periods url link month year day".split())
# the words that make a run of capitals a field rather than an acronym or a shout ("on DATE",
# "YOUR SCHOOL", "NAME OF PUPIL")
STRONG = frozenset("name date school academy email address telephone phone headteacher".split())
ARTICLE = frozenset("the a an this that these those any each every all such its their his her "
                    "your our my no".split())

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def _words(text: str) -> list[str]:
    return [w.lower().strip("'’-") for w in _WORD.findall(text)]


MASK = re.compile(
    r"(?<![\w@/.-])(?:[xX]{1,4}(?:[./-][xX]{1,4}){1,2}|[xX](?:[./:-][xX]+)+|\d{2}[xX]{2}|[xX]{2,})(?![\w@/-])"
    r"|(?<!\w)(?i:dd|d)[/.-](?i:mm|m)[/.-](?i:yyyy|yy)(?!\w)|(?<!\w)(?i:mm)[/.-](?i:yyyy|yy)(?!\w)"
    r"|(?<![\w/])Y/N(?![\w/])|(?<=/)[xX]{4,}(?![\w-])"       # (an address's part: facebook.com/XXXXXXXX)
    # (a host's or a handle's name masked: "www.XXXX.sch.uk", "@XXXXX")
    r"|(?<=www\.)[xX]{3,}(?=\.\w)|(?<![\w.])@[xX]{3,}(?![\w@-])(?!\.\w)"
    # (a number or a year masked: 0xxxxxxxxxx, 20xx-xx)
    r"|(?<![\w@/.-])0[xX]{4,}(?![\w@/-])|(?<![\w@/.-])(?:19|20)[xX]{2}(?:[/-][xX]{2})?(?![\w@/-])"
    # (a year's last figures left as a blank mark: "20__", "14 January 20…"; "up to 20..." is a number)
    r"|(?<![\w@/.–—-])(?:19|20)_{1,2}(?![\w@/-])"
    # (or as stars: "Activity Camp 201*", "20**"; a run of stars between words, "leave on ****** returning",
    # longer than a rating's "*****")
    r"|(?<![\w@/.–—*-])(?:19|20)\d?\*{1,2}(?![\w@/*-])|(?<=[^\s*|][ \t])\*{6,}(?=[ \t]+[^\s*|])"
    r"|(?<=[a-z][ \t])(?<=(?i:uary|arch|pril|[ \t]may|june|july|gust|ober|mber)[ \t])(?:19|20)(?:…|\.{2,3})(?![\w@/-])"
    r"|\b(?:DD|MM|YYYY|YY|Month|MONTH)(?:[ /.-]+(?:DD|MM|YYYY|YY|Month|MONTH|Year|YEAR)){1,2}\b"
    r"|\b0{2,}[/.-]0{2,}[/.-]0{2,4}\b|(?<![\d.])0{3,}(?:[ -]?0{3,}){1,2}(?![\d.])"
    r"|(?<!\S)\?{2,}(?![^\s.,;:)])"
    # (an email address masked: "xxxx@xxxx.sch.uk", "xxx@school.org.uk", "office@xxxx.org", "****@school.org.uk")
    r"|(?<![\w.+-])(?:(?:[xX]{3,}|\*{3,})@[\w-]+(?:\.[\w-]+)*|[\w.+-]+@(?:[xX]{3,}|\*{3,})(?:\.[\w-]+)*)(?![\w@-])")
# a mask that says how to write a value: "as DD/MM/YYYY", "in the format dd/mm/yy"
FORMAT_BEFORE = re.compile(r"\b(?:as|format|formatted|like|e\.g\.?|eg|using|written)\s*:?\s*$", re.I)
# a date's mask in round brackets, after what it shapes: "date of birth (DD/MM/YYYY)"
FORMAT_ASIDE = re.compile(r"\((?i:d|m|y)[^()]*\)$")
BLANK = re.compile(r"#{7,}|(?<=[^\s#])#{3,}|_{3,}|\.{4,}|…{2,}|(?:\.\s){3,}\.|(?:…\s*){3,}"
                   r"|(?:\.{2,3}[ \t]+){3,}\.{2,3}"     # (dots in runs a space apart: "Enw'r ysgol yw ... ... ... ...")
                   r"|(?<=\w)-{4,}|-{4,}(?=\(?\w)"
                   # a line of hyphens after a label or between words: "Signed: -------- Date: --------" (not a
                   # Markdown rule alone on its line, nor a table's "|-----|")
                   r"|(?<=:)[ \t]*-{4,}|(?<=[^\s|][ \t])-{4,}(?=[ \t]*[^\s|-])")
# a bracketed run: square, angle (single or double), curly or round; not a Markdown link (its address
# wrapped onto the next line too)
SLOT = re.compile(r"(?<![*\w])\*(?!\s)[^*\n]{1,40}(?<!\s)\*(?![*\w])|<<[^<>\n]{1,80}>>"
                  r"|\[(?!\^)[^\[\]\n]{1,300}\](?![(\[:]|\n[ \t]*\()|<(?![/!a-z]+[\s>/])[^<>\n]{1,80}>|«[^«»\n]{1,80}»"
                  r"|<(?=[a-z])[^<>\n]{1,80}(?:\s)[^<>\n]{0,80}>|\{(?!\{)[^{}\n]{1,80}\}|\([^()\n]{1,60}\)")
# (a run may hold "&": "JUNIOR & INFANT")
CAPS_RUN = re.compile(r"(?<![\w])(?:[A-Z][A-Z'’-]+)(?:[ \t]+(?:&[ \t]+)?[A-Z][A-Z'’-]+)*(?![\w])")
NAME_OF = re.compile(r"(?:^|(?<=[\[(<{:|\n]))[ \t]*(?P<m>Name of[ \t]+(?P<w>[A-Za-z][\w/]*))"
                     r"|(?P<m2>\b[Nn]ame of[ \t]+(?P<w2>[A-Za-z][\w/]*))", re.M)
# an address made of a field's words: "name@school.org.uk", "www.yourschool.co.uk", "@SchoolName"
ADDRESS = re.compile(r"(?<![\w.@-])(?:(?P<local>[\w.+-]+)@)?(?P<host>(?:[\w-]+\.)+(?:uk|com|org|net|edu|gov|sch|"
                     r"ac|co|io|info|biz|academy|school|london|wales|scot|ie|eu))(?![\w-])"
                     r"|(?<![\w@])@(?P<handle>\w{3,})", re.I)
# "Insert the name of the DSL", "insert date": the word insert before a field, or an order to put one
# in at a sentence's start ("Put in PCU address and phone", "Fill in the date")
# (an instruction to the editor: not what somebody does, "The school will insert a link", "we insert")
INSERT = re.compile(r"(?<!\bwill )(?<!\bwe )(?<!\bthey )(?<!\bmay )(?<!\bcan )(?<!\bmust )"
                    r"(?:(?:\b|(?<=[a-z]))(?:insert|INSERT|Insert)\b"
                    r"|(?:(?m:^)|(?<=[.!?:(]\s)|(?<=[(]))(?-i:Put|Fill)[ \t]+in\b)"
                    r"[ \t]+(?:(?:the|your|a|an)[ \t]+)?"
                    r"(?P<w>(?:[\w'’]+[ \t]+){0,2}[A-Za-z]+)\b")
DIRECTION = re.compile(
    # a direction in brackets: "(delete as appropriate)", "[tick one]"
    r"[(\[](?:please\s+)?(?:delete|amend|tick|circle|select|choose|strike\s+out)\s+(?:as\s+)?"
    r"(?:appropriate|applicable|necessary|required|one|relevant)[)\]]"
    # an order to whoever fills it in: "Add details here", "Amend this paragraph to suit your setting"
    r"|(?:^|(?<=[.!?:]\s)|(?<=[.!?:]))[ \t]*(?:Insert|Add|Enter|Type|Include|Delete|Amend|Adapt|Adjust|"
    r"Specify|Complete|Edit|Replace|Tailor|Customi[sz]e|Personali[sz]e)\b[^.\n]{0,80}?"
    r"\b(?:here|as\s+appropriate|as\s+applicable|as\s+necessary|as\s+required|your\s+(?:own\s+)?"
    r"(?:school|setting|academy|trust|organisation|circumstances|context)(?!\s+(?:e-?mail|account|password|login|"
    r"log-?in|username|user\s*name|network|device|laptop|ipad|tablet|uniform|bag|work|day|trip|report))|to\s+suit|"
    r"this\s+(?:paragraph|"
    r"section|text|wording))\b"
    # a template naming itself, or a note to the schools that use it
    r"|\bthis\s+is\s+an?\s+(?:model|template|sample|exemplar)\b|\b(?:act|serve)s?\s+as\s+a\s+(?:model|template)\b"
    r"|\b(?:template|sample)\s+(?:document|policy|"
    r"text|wording)\b(?!\s+(?:from|published|provided|issued|by))|\bpolicy\s+template\b"
    r"|\btemplate\s+for\s+(?:an?\s+)?(?:schools?|academ(?:y|ies)|settings?|trusts?)\b|\bthis\s+template\b"
    # a draft offered to schools: "This draft policy has been produced to support schools",
    # "It may be adopted and/or adapted by individual schools"
    r"|\bthis\s+draft\s+(?:policy|document|procedure)\b|\b(?:adopted|adapted|used|amended)\s+(?:and/or\s+"
    r"(?:adopted|adapted|amended)\s+)?by\s+(?:individual|any|all)\s+(?:schools?|academ(?:y|ies)|settings?|establishments?)"
    # "delete as appropriate" wherever it stands: "should amend and delete as appropriate"
    r"|\bdelete\s+(?:\w+\s+){0,2}?as\s+(?:appropriate|applicable|necessary)\b"
    # the template speaking to the school that adopts it: "include in your policy"
    # (in lower case: "the Bring Your Own Device Policy" is a policy's title)
    r"|\b(?-i:your)\s+(?:own\s+)?(?:(?!child(?:['’]s|ren)?\b(?!\s+protection)|son\b|daughter\b|insurance\b|travel\b|"
    r"home\b|car\b|holiday\b|copy\b|complaint\b|of\b|under\b|this\b|the\b|with\b|about\b|for\b)[\w-]+\s+){0,3}?"
    r"polic(?:y|ies)\b"
    # the template speaking of itself and of the finished policy: "Text in bold italics does not form
    # part of the policy itself", "the final version of the policy should not include this text",
    # "The template is designed to cover the needs of all centres"
    r"|\b(?:does|do|will)\s+not\s+form\s+(?:a\s+)?part\s+of\s+(?:the|this|your)\s+(?:policy|document)\b"
    r"|\bfinal\s+(?:version|draft|copy)\s+of\s+(?:the|this|your)\s+(?:policy|document)\b"
    r"|(?:^|(?<=[.!?]\s))(?-i:The)\s+template\b"
    # an instruction to whoever writes the policy: "Describe how the school analyses pupil achievement"
    r"|(?:^|(?<=[.!?]\s))(?-i:Describe|Explain|Outline|Summari[sz]e|Specify|List|State)\s+(?:how|what|why|which|"
    r"whether|when|where)\b[^.\n]{0,40}?\bthe\s+(?:school|academy|setting|trust|centre)\b"
    # text set apart by colour or brackets for the adopter: "Blue text is to highlight...", "Text in
    # red and/or in brackets indicates that the school should select the wording"
    r"|\b(?:red|blue|green|yellow|highlighted)\s+(?:text|wording|italics|font)\b"
    r"|\b(?:text|words?|wording)\s+(?:shown\s+|written\s+|highlighted\s+|appearing\s+|marked\s+)?in\s+"
    r"(?:red|blue|green|yellow|(?:square\s+)?brackets)\b"
    # an empty field in brackets inside a sentence: "employed to work at [ ] School" (not a box to
    # tick: "Please tick one box: [ ] I give consent")
    # (not a box to tick beside its answer: "Yes [ ] No [ ]", "I agree [ ]")
    r"|(?<=[a-z)] )(?<!yes )(?<!no )(?<!agree )\[[ \t]*\](?=[ \t]*(?:[A-Za-z]|$))"
    # the school addressed as "your school" by the template: "your school's statutory Safeguarding Policy"
    r"|\byour\s+(?:school|academy|setting)(?:['’]s)?\s+(?:own\s+)?(?:statutory\s+)?(?:[A-Z]\w+\s+)?(?:policy|"
    r"policies|procedures?|governing\s+body|governors)\b"
    # a status the published copy should not still carry: "YET TO BE APPROVED", "Awaiting Board Approval"
    r"|\b(?:yet\s+to\s+be|not\s+yet)\s+(?:approved|ratified|agreed|adopted|signed)\b|\bawaiting\s+(?:\w+\s+){0,2}?"
    r"(?:approval|ratification|sign-?off)\b"
    # ... or as a label's value: "Approved by Full Governing Body: Pending Approval" (not "pending approval of funding")
    r"|(?:(?<=:[ \t])|(?m:^)[ \t]*)pending\s+(?:approval|ratification|sign-?off)\b(?!\s+(?:of|from|by|for)\b)"
    # (not a title that starts with one of those words: "note to the School Governance (Procedures) Regulations")
    r"|\bnotes?\s+(?:to|for)\s+(?:the\s+)?(?:schools?|academ(?:y|ies)|settings?|editors?|users?|authors?|"
    r"governors|headteachers?|trusts?)\b(?![ \t]+[A-Z])|\bin\s+this\s+(?:model|template)\b"
    r"|\b(?:note|guidance\s+note|drafting\s+note|editor(?:'|’)?s\s+note)\s*[:\-–]\s*(?:the\s+)?(?:schools|"
    r"academies|settings|trusts)\b"
    # an aside in brackets addressed to the schools that adopt the text: "(schools may also want to
    # add the school logo)"
    r"|\((?:note:?\s*)?(?:schools|settings|academies)\s+(?:may|might|should|could|can|will|need|must)\b"
    r"(?=[^()\n]{0,200}\b(?:add|insert|include|delete|remove|amend|adapt|change|edit|replace|choose|select|"
    r"tailor|personali[sz]e|wish|want|logo)\w*\b)[^()\n]{0,200}\)"   # (not an aside: "(schools will know this as ...)")

    # an order to whoever writes the policy, in brackets: "(-- state briefly the process for developing
    # the policy ...)", "(name the DSL here)"
    r"|\([ \t]*[-\u2013\u2014]*[ \t]*(?:state|describe|explain|outline|summari[sz]e|specify|identify|name|list|"
    r"include|add)(?:[ \t]+briefly)?[ \t]+(?:the|how|what|which|who|whether|any|your|here|details)\b[^()\n]{0,200}\)"
    # a model's alternatives left in, one sentence or line starting "OR": "... in the academic year. OR The
    # committee will elect a chair ..."
    r"|(?:^|(?<=[.!?][ \t])|(?<=[.!?]))[ \t]*(?-i:OR)(?:[ \t]+(?=(?-i:[A-Z]))|[ \t]*$)"
    # the text a Word form shows in an empty box
    r"|\bclick\s+(?:or\s+tap\s+)?(?:here\s+)?to\s+enter\s+(?:text|a\s+date)\b|\bchoose\s+an\s+item\b"
    # a choice of titles left for the name: "Mr/Mrs X", "Mr/Mrs/Ms ______"
    r"|\b(?:Mr|Mrs|Ms|Miss|Dr)(?:\s*/\s*(?:Mr|Mrs|Ms|Miss|Dr|Mx))+\b"
    # an instruction with its field: "on enter date", "(insert name)"
    r"|\b(?:insert|enter)\s+(?:name|date|details|number|email|address|time|amount|title|role)s?\b"
    r"(?!\s+(?:in|using|as|with|like)\b)"     # (how a reader writes them: "Enter dates in the format ...")
    # ... or as a label's whole value, capitalised ("POLICY TITLE: ADD TITLE"; not "Date: enter the date", how to
    # fill a form in), and in Welsh in brackets ("(mewnosodwch y dyddiad gweithredu)": insert the date it starts)
    r"|(?<=:[ \t])(?-i:Add|ADD|Insert|INSERT|Enter|ENTER|Type|TYPE)[ \t]+(?:the[ \t]+)?(?:name|date|details|number|"
    r"email|address|title|role)s?[ \t]*$|\(mewnosodwch\b[^()\n]{0,80}\)"
    # field names in a row where the values belong: "Name, Role", "Date / Time"
    r"|\b(?-i:Name|Role|Title|Date|Position|Signature|Email|Telephone|Address)(?:\s*[,/]\s*(?-i:Name|Role|"
    r"Title|Date|Position|Signature|Email|Telephone|Address|Time))+\b(?!\s*(?:of|and)\b)"
    # a text told to fit "your school": "adapted ... according to your school profile"
    r"|\b(?:adapted|adjusted|amended|tailored|customi[sz]ed|edited|changed)\b[^.\n]{0,80}?"
    r"\b(?:according\s+to|to\s+suit|to\s+reflect|to\s+fit)\s+(?:[^.\n]{0,40}?\s)?your\s+(?:own\s+)?"
    r"(?:school|setting|academy|trust|organisation|circumstances|context|needs)\b"

    # text marked out to change: "words in red italics should be adapted"
    r"|\b(?:words?|text|wording|sections?|paragraphs?)\s+(?:appearing\s+|shown\s+|written\s+|"
    r"highlighted\s+|marked\s+)?(?:in\s+)?(?:red|blue|yellow|green|grey|highlighted|italics?|bold|"
    r"square\s+brackets)\b[^.\n]{0,80}?\bshould\s+be\s+(?:adapted|amended|changed|deleted|removed|"
    r"replaced|edited|updated|tailored)\b"
    # text marked out by its look to delete: "Italic text should be deleted before publication",
    # "Anything in italics is procedural advice ... and should be removed from the document"
    r"|\b(?:italic|italicised|bold|red|blue|green|yellow|highlighted|shaded)\s+(?:text|wording|words|sections?|"
    r"paragraphs?)\b[^.\n]{0,80}?\b(?:should|must|is\s+to|are\s+to)\s+be\s+(?:deleted|removed|edited|replaced|"
    r"changed|amended)\b|\banything\s+(?:written\s+|shown\s+)?in\s+(?:italics|bold|red|blue|green|square\s+brackets)\b"
    # a stand-in for a person or a school, never a real one: "Joe Bloggs", "Jane Doe", "XYZ Primary School"
    r"|\b(?:Joe|Joseph|Jo|Fred|John|Jane|Joan)\s+(?:Bloggs|Doe)\b"
    r"|\b(?-i:XYZ|ABC)\s+(?:(?:Primary|Secondary|High|Junior|Infant|Elementary|Nursery|Community)\s+)?"
    r"(?:School|Academy|Trust|College|Nursery|Pre-?school)\b"
    # the template speaking to its adopter: "You might want to include your Mission Statement here",
    # "They should not be adopted as they stand without taking account of ... the school"
    r"|\byou\s+(?:may|might|could)\s+(?:also\s+)?(?:want|wish|like)\s+to\s+(?:include|add|insert|mention|state|"
    r"describe|list|amend|adapt|delete|remove)\b(?=[^.\n]{0,80}?\b(?:here|your\s+(?:school|setting|policy)|this\s+"
    r"(?:section|policy|document)))"
    r"|\badopted\s+as\s+(?:it|they)\s+stands?\b"
    # an order in capitals, where the school's words go, at a line's or a label's start: "here: ADD LINK TO
    # COMPLETED GUIDE" (not a sentence in capitals, "THE SCHOOL WILL INCLUDE ALL PUPILS")
    r"|(?:^|(?<=[:(\[\u2013\u2014-])|(?<=[:(\[\u2013\u2014-][ \t]))"
    r"(?-i:(?:ADD|INSERT|INCLUDE|ENTER|TYPE|DELETE|PUT|STATE)(?:[ \t]+(?!AND\b|OR\b)[A-Z][A-Z'’/-]*){2,})(?![\w])"
    # a value still to come: "The DSL is to be confirmed."; text still to come: "Content to follow"
    r"|\bto\s+be\s+(?:confirmed|decided|agreed|advised|determined|announced|arranged)(?=\s*(?:[.)\],;]|$))"
    r"|\b(?:content|details|text|wording|information)\s+(?:is\s+|are\s+)?to\s+follow(?=\s*[.)\]]?[ \t]*$)"
    # a template saying the schools that take it up adapt it: "may be adapted and expanded to suit the
    # requirements of individual schools", "can be used by schools to construct their own agreements"
    r"|\b(?:policy|document|template|model|text|wording|agreements?)\b[^.\n]{0,40}?"
    r"\b(?:adapted|amended|adjusted|tailored|expanded)\b[^.\n]{0,60}?\b(?:to\s+suit|to\s+fit|to\s+meet)\s+"
    r"(?:the\s+(?:\w+\s+){0,2}?(?:of\s+)?)?(?:individual|each|every)\s+(?:schools?|settings?|academ(?:y|ies))\b"
    r"|\bused\s+by\s+(?:individual\s+)?(?:schools|settings|academies)\s+to\s+(?:construct|create|write|develop|"
    r"produce|draft|build)\s+their\s+own\s+(?:polic(?:y|ies)|agreements?|documents?|versions?|codes?|procedures?)\b"
    # a part left for the school that adopts the text: "Section to be completed by the school."
    r"|\b(?:section|part|box|table|appendix|page|field|paragraph)s?\b[^.\n]{0,30}?\bto\s+be\s+(?:completed|filled\s+in|"
    r"added|inserted|written)\s+by\s+(?:the\s+|each\s+|individual\s+)?(?:schools?|academ(?:y|ies)|settings?|trust)\b",
    re.I | re.M)
# a paragraph that stops on a preposition, its object never written: "approved by the governors on"
DANGLING = re.compile(r"\b(?P<w>(?:approved|adopted|ratified|agreed|signed|reviewed|dated|issued|updated)\b"
                      r"[^.!?\n]{0,60}?\b(?:on|by|at|in|dated))[ \t]*(?=\n[ \t]*\n|\n?\Z)", re.I)
# a letterhead's contact labels with their values gone: "DT4 9BJ Tel Fax Website" (two or more
# labels in a row after the address's postcode, nothing between them; not a table's heading row)
CONTACT_LABELS = re.compile(r"(?<=\d[A-Z]{2}[ \t])(?:(?:Tel(?:ephone)?|Phone|Fax|E-?mail|Web(?:site)?)\.?:?[ \t]+){1,4}"
                            r"(?:Tel(?:ephone)?|Phone|Fax|E-?mail|Web(?:site)?)\.?:?(?=[ \t]*(?:$|[A-Z][a-z]))", re.M)
# singular or plural left to choose: "account[s]", "parish[es]", "[is/are]"
NUMBER_CHOICE = re.compile(r"(?<=[a-z])\[(?:s|es)\]|\[(?:is|are|was|were|has|have)/(?:is|are|was|were|has|have)\]")
# a line of nothing but fields' names, where the values belong: "Address Address Town County Postcode"
# (a table's heading row has its cells: "Role | Name | Signature | Date |")
FIELD_NAMES_LINE = re.compile(r"(?m)^ *(?:[A-Z][a-z]+ +){2,}[A-Z][a-z]+ *$")   # (tabs: a table's heading row)
# ... unless it heads the fields that follow, each with its value: "School Contact Details" over
# "Principal: Mel Thornton"
LABELLED_BELOW = re.compile(r"[ \t]*\n(?:[ \t]*\n){0,2}[ \t]*[A-Z][^:\n]{0,40}:[ \t]*"
                            r"(?![^\n]*(?:[xX]{3}|_{3}|\.{4}|…{2}))[^\s_.…][^\n]*")   # (its value no gap: "Tel: 0xxxx")
# where to reach someone or find something, its value (an address, a link) missing at the end of the
# paragraph: "She can be contacted at", "For any queries contact the school on", "This legislation may
# be viewed at"
CONTACT_AT = re.compile(r"\b(?P<w>contact(?:ed)?|call(?:ed)?|ring|rung|phone[d]?|telephone[d]?|e-?mail(?:ed)?|"
                        r"reach(?:ed)?|write\s+to|view(?:ed)?|found|access(?:ed)?|obtain(?:ed)?|download(?:ed)?|"
                        r"available)\b[^.!?\n]{0,40}?\s(?:at|on|via)[ \t]{0,2}:?[ \t]{0,2}"
                        r"(?=\n[ \t]*\n|\n?\Z)", re.I)
# or with the sentence going on where the value was, right after whom or what to send: "Email your
# concern to as soon as possible", "contact the helpline at or telephone" (not "on or before 1 May",
# "contact pupils on or off site", "who they can contact and talk to", "responded to as soon as
# possible"; a value the pack fills in, Jinja blanked out as spaces, is there: "email it to {{ x }}.")
CONTACT_GAP = re.compile(r"\b(?P<w>contact|call|ring|phone|telephone|e-?mail|write\s+to|send|forward)[ \t]+"
                         r"(?:(?:the|a|an|your|our|their|its|this|any|us|me|him|her|them|it)[ \t]+)?"
                         r"(?:(?!(?:and|or|but|nor|who|whom|which|that|be|been|being|will|is|are|was|were|can|may|"
                         r"must|should|would|could|not|to|at|on|via|talk|speak|spoke|respond|responded|reply|"
                         r"replied|agreed)\b)[a-z]+[ \t]+){0,2}(?:(?:at|on|via)(?=[ \t](?:as\s+soon\s+as|"
                         r"or\s+(?!before|after|around|about|near|by|off|on)|and\s+(?!after|before|from|off|on))\b)"
                         r"|to(?=[ \t]as\s+soon\s+as\b))", re.I)   # ("send to or accept from" is two verbs' object)
# an account's handle left out, its "@" alone: "Follow us on X: @" (not "@ £5 each", "@{{ handle }}", "the
# at sign (@)", nor a handle on the next line)
BARE_HANDLE = re.compile(r"(?<![\w.@(])@(?=[ \t]?(?:\n[ \t]*\n|\n?\Z|[.,;)\]]))")
# the template's box for the logo: a line that is only "School Logo", "[Logo]"
LOGO_BOX = re.compile(r"(?im)^[ \t]*[\[(<]?(?:(?:school|academy|trust|insert)\s+)?logo(?:\s+here)?[\])>]?[ \t]*$")
# a name hashed out at the start of a sentence: "###### School is committed to..." (a Markdown
# heading is short, no sentence)
HASHED_NAME = re.compile(r"(?m)^[ \t]*#{5,}[ \t]+(?:School|Academy|College|Nursery|Trust|Primary)\b[^\n]{30,}\.[ \t]*$")
_ROW_DATE_WORDS = frozenset("date review cycle period due".split())


def _heading_row(text: str, at: int, found: str) -> bool:
    """``found`` (at ``at``) is a whole cell of a few words in a table's heading row: three cells or
    more, none empty, no number in them ("Amendment Number | Date | Detail | Approved By")."""
    start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
    row = text[start:len(text) if end < 0 else end]
    cells = [c.strip() for c in row.strip(" \t").strip("|").split("|")]
    return len(cells) >= 3 and all(cells) and not re.search(r"\d", row) and \
        found.strip() in cells and len(found.split()) <= 3


def _value_beside(rest: str) -> bool:
    """A label's value follows it (``rest``, the text after it) after a colon or in the next cell:
    "Name of School: Oak Hill", "Name of school | Oak Hill"; not another label in the next cell
    ("Name of DSL | Contact number |")."""
    m = re.match(r"[^:|\n]{0,40}(?P<sep>[:|])[ \t]*(?P<v>\w[^|\n]*)", rest)
    if not m:
        return False
    value = m["v"].strip()
    return m["sep"] == ":" or not (re.match(r"(?i:name\s+of)\b", value) or
                                   all(w in FIELD or w in ARTICLE or w in ("of", "and") for w in _words(value)))


def _row_below(text: str, at: int) -> bool:
    """The next line with text after ``at``'s line is a table's row (a title cell's value may be there)."""
    end = text.find("\n", at)
    rest = text[end:] if end >= 0 else ""
    nxt = next((ln for ln in rest.split("\n", 3)[:3] if ln.strip()), "")
    return nxt.lstrip().startswith("|") or nxt.count("|") >= 1


def _row_cells(text: str, at: int) -> int:
    """How many cells the table row holding ``at`` has, empty ones left out."""
    start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
    return len([c for c in text[start:len(text) if end < 0 else end].split("|") if c.strip()])


def _row_has_values(text: str, at: int) -> bool:
    """The row holding ``at`` is one cell, or holds a value (a number): not a heading row of labels
    ("Role | Name | Signature | Date |")."""
    start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
    row = text[start:len(text) if end < 0 else end]
    return row.strip(" \t|").count("|") == 0 or bool(re.search(r"\d", row))


# a table row's last cell a label whose value cell is empty: "Review Cycle |"
LAST_CELL_LABEL = re.compile(r"(?m)(?:^|\|)[ \t]*(?P<l>[A-Z][A-Za-z ]{2,40}?)[ \t]*\|[ \t]*$")
# a date's label on a line whose value holds no date: "Next review date: Statement of Intent"
DATE_THEN_WORDS = re.compile(r"\b(?P<l>(?i:(?:next\s+)?review|approval|adoption|ratification|issue)(?i:\s+date)|"
                             r"(?i:date\s+of\s+(?:next\s+)?(?:review|approval|issue)))[ \t]*:[ \t]*"
                             r"(?P<v>[A-Z][^\n|:]{0,60}?)(?=[ \t]*(?:$|\||\n))", re.M)


# a label whose value is the names of the fields it wants, as a template gives it: "Policy written
# by: Name, role", "Approved by Governing Body on: Date", "Signed: Name / Position" (not a reader's
# field: "Parent's name: Name")
_FIELD_NAME = r"(?i:name|date|role|position|job\s+title|title|signature|email|telephone|phone|address)"
FIELD_NAMES_VALUE = re.compile(rf"(?m)^[ \t]*(?P<l>[A-Z][^:\n]{{1,60}}):[ \t]*(?P<v>{_FIELD_NAME}"
                               rf"(?:[ \t]*(?:,|/|&|\band\b)[ \t]*{_FIELD_NAME})*)[ \t]*\.?[ \t]*$")


def _label(line: str) -> tuple[int, str] | None:
    """(offset, label) of a line that ends as a label does, with a colon or a dash and nothing
    after it ("Review date:", "Authorised by: Sign and Date:", "Date Approved -"): the words after
    the line's last colon but one, starting with a capital. Read without a pattern that could
    backtrack over a long line."""
    body = re.sub(r"(?:\.{1,3}|…)$", "", line.rstrip(" \t")).rstrip(" \t")   # "Headteacher:..."
    body = re.sub(r"(?<=:)[ \t]*/$", "", body)    # a slash where the value goes: "SIGNATURE: /"
    if not body.endswith((":", ":-", ":–", "-", "–")) or len(body) > 400:
        return None
    body = body.rstrip("-–").rstrip(" \t").removesuffix(":").rstrip(" \t")
    cut = max(body.rfind(":") + 1, max((m.end() for m in re.finditer(r"\t|  +| \| ", body)), default=0))
    label = body[cut:].lstrip(" \t")   # after the last colon or wide gap: "Tel: 0130 341319   Website:"
    if cut == 0:
        label = re.sub(r"^[ \t]*[-*+][ \t]+", "", label)
    if not label or not label[0].isupper() or len(label) > 61:
        return None
    return len(line) - len(line.lstrip()) if cut == 0 else body.index(label, cut), label
# a line that is a form's line to sign or fill in ("Name ______", "Signed: ..... Date: ....."):
# each reader writes there, so its blanks are meant
# the signature lines of a policy's approval, which the published copy should carry signed (a
# line for each reader to sign is a form's): "Signed ...... (Headteacher)", "Chair of Governors: ____"
APPROVAL_WORDS = re.compile(r"\b(?:head\s*teacher|headteacher|principal|chair|governors?|governing|trustees?|"
                            r"clerk|ratified|approved|adopted|agreed|authori[sz]ed|signed|policy|review(?:ed)?)\b",
                            re.I)
# a form's field for the reader's own details: a line asking for it is each reader's to fill in
READER_FIELD = re.compile(r"\b(?:name|print(?:ed)?|pupil|parent|carer|child|class|year\s+group|employee|"
                          r"staff\s+member|member\s+of\s+staff)\b", re.I)


LEADER_LINE = 200    # characters a term-and-meaning line has at most on each side of its dots


def _leader(text: str, m: re.Match) -> bool:
    """Dots between a term and what it means, on one line ("Provider Form…………… For Providers without
    the badge"): a leader, not a blank; neither side is a label or a sentence with a gap."""
    if m.group(0)[0] not in ".…":
        return False
    low = max(0, m.start() - LEADER_LINE)
    start = text.rfind("\n", low, m.start()) + 1
    end = text.find("\n", m.end(), m.end() + LEADER_LINE)
    if not start and low or end < 0 and m.end() + LEADER_LINE < len(text):
        return False      # a line this long is prose, not a list of terms
    end = len(text) if end < 0 else end
    before, after = text[start:m.start()].strip(), text[m.end():end].strip(" .…")
    if _approval_line(text[start:end]):
        return False      # "Signed ………… Head teacher": the approval's line to sign
    # (a term is no word that needs another after it: "At………………. C of E School we..." lost the name)
    return bool(before) and len(after.split()) >= 2 and not before.endswith(":") and ":" not in after and \
        after[:1].isupper() and not _FINITE.intersection(_words(before) + _words(after)) and \
        not re.search(r"(?<![\w'’-])(?i:at|the|of|to|for|by|with|in|on|from|and|or|a|an|our|your|their)$", before)


# a title naming the text a template ("Child Safeguarding Statement Template", "Parents / Carers Acceptable Use
# Agreement Template – older children") or numbering it as one of a set ("Template 2:", "Mandatory Template 1:");
# not an appendix that gives the reader a template to use ("Appendix 2 – Action Plan Template")
TEMPLATE_TITLE = re.compile(r"^[ \t#>*]*(?!(?:Appendix|Annex|Schedule|Attachment)\b)(?:(?:[A-Z][\w'’/&-]*[ \t]+"
                            r"(?:(?:[A-Z][\w'’/&-]*|of|and|for|the|in|on|to|&|/)[ \t]+){0,10})?"
                            r"(?:Policy|Statement|Procedures?|Agreement|Document|Manual|Code(?:[ \t]+of[ \t]+Conduct)?)"
                            r"[ \t]+Template(?:[ \t]+[–-][ \t]+[^\n]{1,40}|[ \t]*:)?"
                            r"|(?:[A-Z][a-z]+[ \t]+)?Template[ \t]+\d{1,2}[ \t]*:[^\n]{0,100})[ \t]*$", re.M)
# (a form a template gives, "Risk Assessment Template", "Incident Report Template", is a form to use)


# the rest of a contents entry's line after its dots: its page number ("1. Aims ……… 2")
PAGE_AFTER = re.compile(r"[ \t.…]*\d{1,3}[ \t]*(?:\n|$)")


def _contents_leader(text: str, m: re.Match) -> bool:
    """Dots from a contents entry to its page number, on one line: no gap to fill (the typed page
    number is a reference of its own, told as one)."""
    if m.group(0)[0] not in ".…" or not PAGE_AFTER.match(text, m.end()):
        return False
    start = max(text.rfind("\n", max(0, m.start() - LEADER_LINE), m.start()) + 1, m.start() - LEADER_LINE)
    before = text[start:m.start()].strip()     # (what a contents entry's title holds at most)
    return bool(re.search(r"[A-Za-z]{2}", before)) and not before.endswith(":")


# the verbs that make a line a sentence, not a form's label
_FINITE = frozenset("is are was were will would must should shall can may".split())
# a sentence with its value blanked: the verb right before the blank, a full stop after it ("The
# online safety lead is ____."; "Medicines my child is taking: ____" is a form's question)
# a sentence of the policy's with its gaps, not a form's line: a determiner, then a verb before
# its first blank ("The DSL is ____ and can be contacted on ____.")
SENTENCE_FORM = re.compile(r"[ \t]*(?:The|Our|This|These|Those|Its|Their|All|Each|Any)\b[^\n_.…]*?"
                           r"\b(?:is|are|was|were|will|can|may|must|should|has|have)\b")
SENTENCE_GAP = re.compile(r"\b(?:is|are|was|were|will\s+be|be)[ \t]+(?>_{3,}|\.{4,}|…{2,})[._…]*?[ \t]*\.[ \t]*$", re.I)


def _approval_line(line: str) -> bool:
    """A line of the policy's approval (its blanks are gaps), not a form's line for each reader
    ("Signed: ____ Name: ____" on a code staff sign is the form's) or for the office that files
    it ("Office use only: Date received ____")."""
    if OFFICE_USE.match(line):
        return False
    words = {w.lower() for w in APPROVAL_WORDS.findall(line)}
    return bool(words) and not (words <= {"signed"} and READER_FIELD.search(line))


# a line under or between a signature's blanks that says whose it is: "Head Teacher", "(Chair of
# Governors) (Headteacher)"
SIGNER_CAPTION = re.compile(r"[ \t(]*[A-Z][\w'’]*(?:[ \t()/&]+(?:of|the|and|[A-Z][\w'’]*))*[ \t)]*")
# a form line that asks for the reader's own details or whose signature it is
READERS_OWN = re.compile(r"\b(?:pupil|parent|carer|guardian|child|son|daughter|student|class|year\s+group|employee|"
                         r"staff|member\s+of\s+staff|visitor|volunteer|contractor)s?\b", re.I)
# the words of a signer's role, which make a caption one or a signature block the approval's
SIGNER_ROLE = re.compile(r"\b(?:head\s*teacher|principal|chair|clerk|trustees?|ceo|chief\s+executive|"
                         r"executive\s+head)\b", re.I)


_NEXT_LINE = re.compile(r"\n*([^\n]*)")
# the kind of school after a blank: the blank is the school's name ("for ________ School to publish")
SCHOOL_AFTER = re.compile(r"[._…]*[ \t]*(?:[A-Z][\w'’]*[ \t]+){0,2}(?:School|Academy|College|Nursery|Pre-?school)\b")
# ... given the parent's permission, not where the child goes or went ("attends ____ Nursery")
FOR_THE_SCHOOL = re.compile(r"\b(?:for|to|by|allow|permit)[ \t]*$", re.I)


def _for_the_school(text: str, m: re.Match) -> bool:
    """The blank is the school's name that a parent's sentence gives permission to ("I give permission for
    ________ School to publish"), not the setting the child goes to ("attends ________ Nursery")."""
    return bool(SCHOOL_AFTER.match(text, m.end()) and FOR_THE_SCHOOL.search(text, max(0, m.start() - 12), m.start()))


def _bare_date_mask(line: str) -> bool:
    """A date's blank in its parts under a bare "Date" ("Date: __/__/____"), not a reader's own date's
    ("Expiry date: __/__/____", "Date of accident: __/__/____")."""
    m = DATE_MASK.search(line)
    return m is not None and set(_words(line[:m.start()])) <= {"date", "dated"}


# a date's blank in its parts, "__/__/____": a reader's only where the form says it is theirs
DATE_MASK = re.compile(r"(?<!_)_{2,}+[ \t]*[/.-][ \t]*_{2,}+[ \t]*[/.-][ \t]*_{2,}")
# how an editor's words inside a quotation start: "‘they [the pupils] enjoyed the trip’"
EDITOR_LEADS = frozenset("the a an this that these those his her their its he she they it who which".split())


# what a reader declares above the lines they sign: "I have read and understood ...", "I agree ...",
# "I give permission for my child ...", "We confirm ..."
DECLARATION = re.compile(r"^[ \t]*(?:I|We)\s+(?:have\s+read|agree|give|confirm|understand|accept|consent|declare|"
                         r"will|do|am)\b|\bplease\s+(?:sign|return)\b", re.I)


def _readers_lines(text: str) -> list[tuple[int, int]]:
    """Spans of the form lines each reader fills in, whose blanks are not gaps. A run of form lines
    (with blank lines, or the signer's caption, between them) is the policy's own approval when one
    of its lines names more of it than a signature ("Signed ____ (Chair of Governors)" over "Print
    Name ____"), or a caption names the signer's role ("Signature ....Date ...." over "Head
    Teacher"), unless a line asks for a reader's own details ("Relationship to child: ____"), when
    even its "Signed: ____" is the reader's; otherwise each line is judged alone."""
    lines = [m for m in FORM_LINE.finditer(text)
             if not SENTENCE_GAP.search(m.group(0)) and not SENTENCE_FORM.match(m.group(0))]
    runs: list[list[re.Match]] = []
    captioned: list[bool] = []
    for m in lines:
        between = [ln.strip() for ln in text[runs[-1][-1].end():m.start()].split("\n")] if runs else None
        if between is not None and all(not ln or _caption(ln) for ln in between):
            runs[-1].append(m)
            captioned[-1] = captioned[-1] or any(between)
        else:
            runs.append([m])
            captioned.append(False)
    out: list[tuple[int, int]] = []
    for run, caption in zip(runs, captioned):
        after = nl.group(1).strip() if (nl := _NEXT_LINE.match(text, run[-1].end())) else ""
        caption = caption or bool(after) and _caption(after)
        above = [ln for ln in text[max(0, run[0].start() - 400):run[0].start()].split("\n") if ln.strip()][-3:]
        own = any(READERS_OWN.search(m.group(0)) for m in run) or bool(above) and bool(DECLARATION.search(
            above[-1])) or any(READER_VOICE.search(ln) for ln in above)
        #   (or the parent speaks in the lines just above: "I give permission for my child ... " over "My
        #    child requires a packed lunch Yes No" over "Signed ...... Date ......")
        approval = any({w.lower() for w in APPROVAL_WORDS.findall(m.group(0))} - {"signed"} for m in run) or \
            _labelled(text[:run[0].start()].rstrip().rsplit("\n", 1)[-1])
        #   (or it follows the approval record's own lines: "Review Date: July 2021" over "Signed By: ____",
        #    "Position: ____", "Date: ____")
        if (caption or approval) and not own:
            continue
        out += [(m.start(), m.end()) for m in run if not _approval_line(m.group(0)) and (own or not _bare_date_mask(
                m.group(0))) or own and {w.lower() for w in APPROVAL_WORDS.findall(m.group(0))} <= {"signed"}]
    return out


# a name written on the line, after whose it is, just before the blank ("School Data Processing Lead
# Sheryl Cooper______", "Signed Anil Sarna______") or alone just after it ("Lead______Claire Brand"):
# the blank is the line it was written on, not a gap (a name after the blank and more words is the
# printed name under a signature still to come: "Signed: ...... Elizabeth Webb, Chairman of Governors")
_GAPS = r"(?:_{3,}|\.{4,}|…{2,})[._…]*"
_ROLE_WORD = (r"\b(?i:signed|lead|officer|governors?|chair|head\s*teacher|principal|clerk|co-?ordinator|manager|"
              r"dpo|dsl)\b")
# a name as a signature's line holds it: a title and a surname, initials and a surname, or two names
# ("Mrs J Smith", "Siobhan O'Neill", "Sarah McDonald", "Anil Sarna-Jones")
_SURNAME = r"[A-Z](?:['’][A-Z])?[a-z]*(?:[A-Z][a-z]+)?(?:-[A-Z][a-z'’]+)?"
_NAME = (r"(?P<n>(?:Mr|Mrs|Ms|Miss|Dr)\.?[ \t]+(?:[A-Z]\.?[ \t]+)*" + _SURNAME +
         r"|(?:[A-Z]\.?[ \t]+)+" + _SURNAME + r"|" + _SURNAME + r"[ \t]+" + _SURNAME + r")")
FILLED_BEFORE = re.compile(_ROLE_WORD + r"[ \t:_.…-]*" + _NAME + r"[ \t:,-]*$")
FILLED_AFTER = re.compile(r"[ \t]*" + _NAME + r"[ \t]*(?:" + _GAPS + r"[ \t]*)?$")


# a value typed over the line, blanks on both sides of it ("Date:____November 2022____", "Signed:__G
# Bishop____"); not a label between two blanks ("Name ____ Date ____", "____ Chair of Governors ____",
# "____, Local Governing Body ____"), nor an order to fill it ("……insert quotation……")
_VALUE = r"(?P<s1>[ \t]*)(?P<v>[^\W_][^_.…:|\n]{0,39}?)(?P<s2>[ \t]*)"
VALUE_THEN_BLANK = re.compile(_VALUE + r"(?:_{2}|\.{4}|…{2})")      # read at a blank's end
BLANK_THEN_VALUE = re.compile(r"(?:_{2}|\.{4}|…{2})" + _VALUE + r"$")   # read up to a blank's start
# what a value typed over a line is: a date or a number, or a name (capitalised words and initials,
# "G Bishop", "November 2022"), never words of a sentence ("is ____ and can be contacted on ____")
TYPED_VALUE = re.compile(r"(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?[ \t]+)?(?:[A-Z0-9][\w'’/.,-]*[ \t]*){1,4}")


def _filled(text: str, m: re.Match) -> bool:
    """Whether the blank ``m`` is the line a name or a value was written on. (Only a few characters
    either side of the blank are read, so a long run of dots is read once.)"""
    line_start = text.rfind("\n", 0, m.start()) + 1
    for w in (VALUE_THEN_BLANK.match(text, m.end()),
              BLANK_THEN_VALUE.search(text[max(line_start, m.start() - 80):m.start()])):
        if w is None:
            continue
        words = _words(w.group("v"))
        if INSTRUCTION.intersection(words) or w.group("s1") and w.group("s2") or \
                not TYPED_VALUE.fullmatch(w.group("v").strip()):
            continue      # (typed over the line, it touches a blank: "Date:____November 2022____")
        if re.search(r"\d", w.group("v")) or words and not set(words) <= FIELD | _SIGN_OFF | ARTICLE | \
                {x.lower() for x in APPROVAL_WORDS.findall(w.group("v"))} | {"of", "and", "the"}:
            return True
    before = re.sub(_GAPS, " ", text[max(line_start, m.start() - 200):m.start()])
    end = text.find("\n", m.end(), m.end() + 200)
    after = re.split(_GAPS, text[m.end():end if end >= 0 else m.end() + 200], maxsplit=1)[0]
    named = FILLED_BEFORE.search(before) or (FILLED_AFTER.match(after) if re.search(_ROLE_WORD + r"[ \t:-]*$", before)
                                             else None)
    return named is not None and not set(_words(named.group("n"))) & (
        FIELD | {w.lower() for w in APPROVAL_WORDS.findall(named.group("n"))})


def _caption(line: str) -> bool:
    return len(line) <= 60 and bool(SIGNER_CAPTION.fullmatch(line)) and bool(SIGNER_ROLE.search(line))


# an order to edit the text itself, by its grammar: who adopts the template (you, schools, settings; or
# the order alone, or "please"), maybe a modal ("may choose to", "can", "should"), a verb of editing,
# and the text as its object ("this section", "the following statement", "the highlighted sections",
# "a paragraph here"): "Schools may choose to also include the
# following statement:", "Please revise the relevant highlighted sections before publishing"
_EDITOR = (r"(?:(?:you|schools?|settings?|academies|trusts?|centres?|providers?|establishments?)[ \t]+"
           r"(?:may|might|can|could|should|will|must)(?:[ \t]+(?:also|wish[ \t]+to|want[ \t]+to|choose[ \t]+to|"
           r"need[ \t]+to|like[ \t]+to|then|therefore|instead))*[ \t]+|please[ \t]+)?(?:also[ \t]+)?")
_EDIT_VERB = (r"(?:add|insert|include|amend|adapt|delete|remove|edit|revise|tailor|customi[sz]e|personali[sz]e|"
              r"replace|adjust)")
_EDITED = (r"(?:the[ \t]+following[ \t]+(?:statement|text|wording|paragraph|section|sentence)s?|"
           r"(?:the|these|this)[ \t]+(?:relevant[ \t]+)?highlighted\b|"
           r"(?:this|the)[ \t]+(?:template|section|paragraph|statement)(?![ \t]+(?:on|about|for|of)\b)|"
           r"(?:a|an)[ \t]+(?:paragraph|section|statement|sentence)[ \t]+here)\b")
# (the text is the verb's own object, right after it: "Remove any content that breaches this policy" and
# "Please include this policy in the induction pack" speak to staff, not to the template's user)
EDIT_ORDER = re.compile(rf"(?:^|(?<=[.!?:;,][ \t])|(?<=^[ \t]))(?i:{_EDITOR}{_EDIT_VERB})\b(?:[ \t]+(?i:also|here))?"
                        rf"[ \t]+(?i:{_EDITED})", re.M)


# a word taken out and not put back, as grammar shows: an article straight before a conjunction or a
# preposition ("reviewed by the and Local Governing Body"), or before one side of a choice whose
# other side is gone ("The /Online Safety Officer")
# (one space or line break between: a value the pack prints, blanked out, leaves many)
# or before a comma or a closing bracket ("as per The , by:"), and a bracket that ends on a word
# that never ends one ("(including )", "(see the )")
WORD_GONE = re.compile(r"(?<![\w'’-])(?:the|The|an|An)[ \t\n](?:(?:and|or|of|to|for|by|with)(?![\w'’/-])|/(?=[A-Z])"
                       r"|[,;)])"
                       r"|\([^()\n]{0,40}?(?<![\w.'’-])(?:including|e\.g\.?|eg|see|such\s+as|i\.e\.?|on|at|to|by|"
                       r"from|of|the|a|an|and|or|via)[ \t]+\)"
                       # a preposition before the sentence's end, its object gone: "directly upon request from ."
                       r"|(?<![\w'’-])(?:from|to|at|by|via|contact|call|email|e-mail)[ \t](?=[.;](?:\s|$))")


# (spaces read once, possessively: a label followed by a long run of spaces is refused in one pass;
# each label and its blank taken whole, atomically, so a line of many is never split two ways per unit)
FORM_LINE = re.compile(r"^[ \t]*+(?:(?i:(?:for\s+)?office\s+use(?:\s+only)?)[ \t]*+[:\-–]?[ \t]*+)?"
                       r"(?>(?:[‘“\"']?[A-Z][\w ()/&'’”\"-]{0,60}?|\([^()\n]{1,40}\))[ \t]*+:?-?[ \t]*+"
                       r"(?>(?:_{2,}[ \t]*[/.-][ \t]*){1,2}_{2,}|_{3,}|\.{4,}|…{2,})[._…]*+[ \t]*+)+"   # ("__/__/____")
                       r"(?:\([^()\n]{1,30}\))?[ \t]*\.?$"
                       r"|^[ \t]*+(?>_{3,}|\.{4,}|…{2,})[._…]*+[ \t]*+\([^()\n]{1,40}\)[ \t]*\.?$", re.M)
# (and whose: "(parent/carer)"; a label in quotation marks: "‘Unsuitability’……", or in brackets: "(child's
# full name) ______", or only after the line: "______ (parent's signature)")
OFFICE_USE = re.compile(r"[ \t]*(?i:(?:for\s+)?office\s+use)\b")


# what square brackets hold in published text that is not a gap: legislation.gov.uk's amendment
# markers (F1, F23), a source or an editor's note, a year or a number
EDITORIAL = re.compile(r"\s*(?:F\d|\d|(?i:from|source|sic|see|emphasis|original|added|repealed|omitted|"
                       r"revoked|footnote|note\s+\d))"
                       # or a citation: a document, then its part's number ("[KCSIE 2024, paragraph 138]")
                       r"|[^\]\n]{3,80}?,?\s(?i:paragraphs?|paras?\.?|sections?|pages?|p\.|pp\.|chapter|part|"
                       r"annex|appendix)\s*\d{1,4}[a-z]?\s*$"
                       # or a statute's whole title, an editor's insertion ("[Late Payment of Commercial Debts
                       # (Interest) Act 1998]")
                       r"|\s*(?:the\s+)?[A-Z][^\]\n]{2,120}?\s(?:Act|Regulations|Order|Rules|Measure)\s+(?:19|20)\d\d\s*$")


# an aside that gives examples, never a field: "[such as an allergic reaction]", "(e.g. a trip)"
EXAMPLE_ASIDE = re.compile(r"(?:such\s+as|e\.\s?g\.?|eg|for\s+(?:example|instance)|including|i\.\s?e\.?|ie)\s", re.I)


# people named with their titles, one or several: "Mrs Worthington", "Mr Fox, Mr Rawson and Miss Ganderton"
_TITLED = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?[ \t]+(?:[A-Z]\.?[ \t]+)*(?-i:[A-Z][\w'’-]+)(?:[ \t]+(?-i:[A-Z][\w'’-]+))?"
# (each name read whole, once: a run of "&"s between initials never doubles the ways to read it)
FILLED_NAMES = re.compile(rf"(?>{_TITLED})(?>[ \t]*(?:,|\band\b|&)[ \t]*(?:{_TITLED}|(?-i:[A-Z]\w*)))*")
# the words a template writes where a person's name goes: "[Mrs Name]", "[Mr Surname]"
_NAME_FIELD = frozenset("name names surname forename firstname lastname initial initials".split())
# what follows a bracket inside a statute's title: more brackets, then its kind ("(England) Regulations 1999")
LEGISLATION_AFTER = re.compile(r"(?:[ \t]*\([A-Z][^()\n]{0,60}\)){0,3}[ \t]+(?:[A-Z][\w'’-]*[ \t]+){0,3}"
                               r"(?:Regulations|Act|Order|Rules|Measure)[ \t]+(?:19|20)\d\d\b")
# a lone "X" standing for the school's name: "Bereavement policy for X School" (not the platform X)
X_FOR_NAME = re.compile(r"(?:(?<=\bfor )|(?<=\bat )|(?<=\bof )|(?<=^))X(?=[ \t]+(?:School|Academy|Primary|College|"
                        r"Nursery|Pre-?school|Infant|Junior|Federation|Trust)\b)", re.M)
# (where a name stands: a title's "for X School", "at X Academy", a line's start; not "use X School accounts")


# the platforms the X after them is one of: "Facebook, Instagram and X School news"
PLATFORMS_BEFORE = re.compile(r"(?i:facebook|instagram|twitter|youtube|tiktok|linkedin|threads|snapchat)[^\n]*$")


# a pair of square brackets with nothing in them, as a label's value at its line's end: "Online-safety
# coordinator: []" (not a box to tick before its choice, "- [ ] Done", "Please tick: [ ] Yes [ ] No")
EMPTY_SLOT = re.compile(r"(?<=:)[ \t]*\[[ \t]*\][ \t]*$", re.M)


def _slot(inner: str, bracket: str, after: str = "") -> bool:
    """Is the text inside a bracket a field to fill in, not an aside? ``after``: the text after the
    bracket, on its line."""
    inner = inner.strip()
    words = _words(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", inner))    # "SchoolName" is "School Name"
    if not words or (len(words) > 14 and bracket != "[") or \
            re.fullmatch(r"[\divxlcdmIVXLCDM]{1,6}|[a-zA-Z]|sic|\d[\d.,]*", inner):
        return False
    if bracket == "[" and EDITORIAL.match(inner):
        return False
    if bracket == "[" and FILLED_NAMES.fullmatch(inner) and not _NAME_FIELD.intersection(words):
        return False    # the people the school wrote in where the template left the brackets: "[Mr Fox, Mr
        #                 Rawson and Miss Ganderton]" (its brackets are the template's; its names are filled)
    if words[0] in INSTRUCTION:
        return True
    if re.search(r"\bto\s+be\s+(?:agreed|confirmed|decided|inserted|added|completed|determined|finali[sz]ed)\b"
                 r"(?!\s+(?:if|when|unless|nearer|closer|once|after)\b)",
                 inner, re.I) and len(words) <= 12:
        return True     # a value still to be settled: "(number to be agreed by the governors)"
    if bracket in "[<" and re.search(r"\bas\s+(?:appropriate|applicable|necessary|required)\b|\b(?:delete|insert|"
                                    r"amend|adapt)\b", inner, re.I):
        return True     # an instruction inside the field: "[as appropriate and throughout this document]"
    if " / " in inner and all(any(w in FIELD for w in _words(part)) for part in inner.split(" / ")):
        return True   # alternatives left to choose from: "(Chair of Governors / Chair of committee)"
    if bracket == "[" and re.fullmatch(r"[A-Za-z][\w'’-]*(?:[ \t]*/[ \t]*[A-Za-z][\w'’-]*)+", inner):
        return True   # words to choose between, in square brackets: "[non-statutory/non-science]", "[he/she]"
    letters = re.sub(r"[^A-Za-z]", "", inner)
    if bracket != "(" and letters.isupper() and (len(words) >= 2 or words[0] in FIELD):
        return True
    if bracket in "[<" and len(words) <= 4 and not re.search(r"\d", inner) and \
            all(w[:1].isupper() for w in inner.split()):
        return True     # a title-case name in square or angle brackets: "[Bursar]", "<Head Teacher>"
    if bracket == "<" and len(words) >= 2 and not re.search(r"://|@|=|\\d", inner):
        # words in single angle brackets, which prose never uses for an aside: the template's choice or
        # field left in ("<lockable storage cabinets in a lockable storage area>"; raw HTML in a pack's
        # Markdown is refused on its own, E-HTML)
        return True
    if bracket in "[<" and re.fullmatch(r"[a-z]{3,}", inner) and inner not in ("sic", "sics") and \
            re.match(r"\s*(?:[.,;:)]|$)", after):
        return True     # one word in small letters that ends its phrase: "provided by [provider].", "<surname>"
    if EXAMPLE_ASIDE.match(inner) and not GAP.intersection(words):
        return False    # examples given in brackets: "Acute: [such as an allergic reaction]" (not "[e.g. DSL name]")
    if bracket == "[" and len(inner.split()) >= 2 and \
            (not (inner[:1].islower() and re.search(r"\d", inner)) or re.match(r"or\s", inner)):
        # (an aside with figures is no gap, "[aged 9 to 11]"; another choice left in is,
        # "[or section 157 of the Education Act 2002]")
        # words in square brackets: in a school's policy, text the template left to choose or
        # replace ("[relating to the curriculum, exclusion...]", "[Clearly state the purpose of
        # the policy.]", "[Step 1]"); not an Act's amendment marker ("[F3(1B)..."), a source
        # note ("[from Keeping children safe in education]") or an editor's "[sic]"
        return True
    if bracket == "(" and re.match(r"(?:or|and|e\.g|eg|i\.e|ie|see)\b", inner, re.I):
        return False    # another way, or an example: "speak to (or email) the DSL"
    if bracket == "(":
        # an aside in round brackets is a slot only when it is nothing but a field: "(name)"
        # ("(Headteacher)", "(DSL)" name a role: an aside)
        content = [w for w in words if w not in ARTICLE and w not in ("of", "and", "or", "specified",
                                                                       "relevant", "agreed")]
        return not re.search(r"\d", inner) and 0 < len(content) <= 4 and all(w in FIELD for w in content) and \
            any(w in GAP for w in content)
    return any(w in FIELD for w in words) and not re.search(r"\b(?:see|e\.g|eg|i\.e|ie)\b", inner, re.I)


def _glued(word: str) -> str:
    """A word's first part when a copy ran two words together ("schoolComplaints": school)."""
    return m.group(0) if (m := re.match(r"[A-Za-z][a-z]+(?=[A-Z][a-z])", word)) else word


# a template's note to the school that adopts it, about changing the text: the school addressed as
# "your school" (a school's own policy says "our school"; "you should" alone is a staff or pupil
# rule) in a sentence about changing it ("adapted to fit the size of your school", "each section
# should be reviewed ... appropriate for your setting" before it is "adopted"), or schools spoken
# of as the ones that change it ("each school should adapt to fit its own needs", "Schools will
# also have to select parts 2 or 3")
_EDIT = (r"(?:adapt|amend|adjust|tailor|edit|delet|remov|customi[sz]|personali[sz]|locali[sz]|insert|replac|"
         r"modif|select)\w*")
ADDRESSEE = re.compile(r"\byour\s+(?:(?:own|specific|individual|particular)\s+)?"
                       r"(?:school|setting|academy|organisation|establishment|centre|college)(?:['’]?s\b|s?['’])?"
                       r"(?!\s+(?:account|password|email|login|uniform|bag|work|day|trip|report))(?<=\w|['’])", re.I)
# ("your school's needs", "your schools needs": its possessive, with or without its apostrophe)
EDITING = re.compile(rf"\b{_EDIT}|\badopt\w*|\b(?:fit|fits|draw(?:ing)?\s+up)\b", re.I)
_MODAL = r"(?:should|may|can|will|must|need\s+to|might|could|are\s+(?:advised|encouraged|expected)\s+to)"
SCHOOLS_EDIT = re.compile(
    rf"\b(?:each|every|individual)\s+(?:school|setting|academy|centre|establishment)s?(?:\s*/\s*[a-z]+)?\s+{_MODAL}\s+"
    rf"(?:(?:(?!that\b)[a-z]+\s+){{0,3}}?(?!select){_EDIT}|(?:(?!that\b)[a-z]+\s+){{4,6}}?{_EDIT}\s+(?:the|this|these)\s+"
    r"(?:[\w-]+\s+)?(?:assessment|template|document|text|wording|model)\b)"
    rf"|\bschools\s+{_MODAL}\s+(?:[a-z]+\s+){{0,5}}?{_EDIT}\s+(?:[\w,]+\s+){{0,6}}?(?:parts?|sections?|paragraphs?|"
    r"text|wording|polic(?:y|ies)|templates?|models?|statements?|options?)\b"
    # the schools, or their leaders, told to change the text: "Leaders and DSLs should adapt the content
    # to include specific local information", "Schools should adapt the wording"
    rf"|\b(?:schools|settings|academies|leaders|headteachers|head\s+teachers|DSLs)(?:\s+and\s+[\w-]+)?\s+{_MODAL}\s+"
    rf"(?:[a-z]+\s+){{0,2}}?{_EDIT}\s+(?:this|the|their|its|these|those)\s+(?:[\w-]+\s+){{0,2}}?(?:polic(?:y|ies)|"
    r"content|documents?|text|wording|templates?|models?|sections?|paragraphs?|statements?)\b"
    # the text offered to schools to change: "can be adapted by schools to suit their individual
    # circumstances" (not "is recommended for adoption", which a school that adopted it may keep)
    rf"|\b{_EDIT}\s+by\s+(?:the\s+)?(?:schools|settings|academies)\s+to\s+(?:suit|reflect|fit|meet)\b"
    # the schools told to add to the text: "Schools should add their own local procedures here",
    # "Schools may wish to add a list of the apps they use"
    rf"|\b(?:schools|settings|academies)\s+(?:{_MODAL}\s+(?:wish|want|like)\s+to|{_MODAL})\s+(?:add|insert|include|list)\b"
    r"(?:\s+(?:their|its)\s+own\b|[^.\n]{0,80}?\bhere\b|(?<=wish to add)|(?<=want to add)|(?<=like to add))"
    # ... or finding it useful to add to their policy: "Schools may find it helpful to add appendices to their policy"
    rf"|\b(?:schools|settings|academies)\s+(?:{_MODAL}\s+)?(?:find\s+it\s+(?:helpful|useful)|wish|want|like)\s+to\s+"
    r"(?:add|insert|include|attach)\b[^.\n]{0,60}?\b(?:to|in|with)\s+(?:their|its)\s+(?:own\s+)?(?:polic(?:y|ies)|"
    r"documents?)\b"
    # ... or the one school that takes the template up, told to add a part of the text: "The school may
    # wish to add a disclaimer" (not "may wish to add more clubs")
    r"|\bthe\s+(?:school|setting|academy)\s+(?:may|might)\s+(?:wish|want|like)\s+to\s+(?:add|insert|include)\s+"
    r"(?:(?:a|an|the|its)\s+)?(?:own\s+)?(?:disclaimer|statement|paragraph|section|logo|wording|sentence)s?\b"
    # a part left to each school: "This section should be personalised by each school", "To be
    # completed by the school."
    r"|\b(?:personali[sz]ed|customi[sz]ed|tailored|localised|localized|completed|filled\s+in)\s+by\s+(?:each|every|"
    r"the\s+individual|individual|your)\s+(?:school|setting|academy)\b"
    r"|^[ \t]*to\s+be\s+(?:completed|filled\s+in|added)\s+by\s+(?:the|each|your)\s+(?:school|setting|academy)\b",
    re.I | re.M)
# the text itself to be changed for each school before it is published ("This policy will need to be
# amended to take account of school-specific details", "The text boxes should be deleted prior to
# publication"), the adopting school told to change a part ("you must amend the risk management
# procedures in Section B"), or a note meant for schools ("for the attention of schools only")
DOC_EDIT = re.compile(
    r"\b(?:this|the)\s+(?:[\w-]+\s+)?(?:policy|document|template|model|boxes|notes?|wording|text|assessment|plan)\s+"
    rf"(?:will\s+need\s+to|need\s+to|needs\s+to|should|must|is\s+to|are\s+to)\s+be\s+{_EDIT}[^.\n]{{0,90}}?"
    r"(?:\bschool[- ]specific\b|\b(?:prior\s+to|before)\s+(?:the\s+)?(?:publi|issu|adopt)\w*"
    r"|\beach\s+(?:school|setting|academy)['’]s\s+(?:own\s+)?(?:context|circumstances|needs|situation)"
    r"|\blocal\s+(?:circumstances|arrangements|needs|details|procedures)\b|\bindividual\s+(?:schools?|settings?)\b"
    r"|\bto\s+fit\s+(?:in\s+)?with\s+(?:the\s+)?(?:other\s+)?(?:school|setting|academy)['’]?s?\s+(?:own\s+)?"
    r"(?:polic|procedure|practice))"
    # the adopter told to strike out what does not fit: "Delete elements that are not relevant."
    r"|(?:^\s*|(?<=[.!?]\s))(?:delete|remove|omit)\s+(?:any\s+|the\s+)?(?:[\w-]+\s+)?(?:elements?|sections?|parts?|"
    r"paragraphs?|statements?|options?|wording|bullets?|examples?|points?|headings?|rows?|measures?)\s+(?:that|which)\s+"
    r"(?:are|is|do|does)\s+not\s+(?:relevant|applicable|apply)\b"
    rf"|\byou\s+(?!must\s+not|should\s+not|may\s+not|can\s*not){_MODAL}\s+(?:[a-z]+\s+){{0,2}}?{_EDIT}\s+"
    r"(?:the|this|these|each)\s+(?:[\w-]+\s+){0,4}?(?:polic(?:y|ies)|procedures?\s+in\s+(?:section|part)|sections?|"
    r"templates?|wording|paragraphs?)\b(?![^.\n]{0,40}\b(?:stored|saved|on\s+your))"
    r"|\bfor\s+the\s+attention\s+of\s+schools\s+only\b"
    # a model offered to schools to adapt: "a sample ... procedure for schools to be adapted as required",
    # "It can be amended to include specific reference to the aims and ethos of the particular school"
    rf"|\b(?:sample|model|template)\s+(?:[\w-]+\s+){{0,4}}?(?:policy|procedure|document|code|plan)\s+for\s+"
    rf"(?:schools|settings|academies)\s+to\s+be\s+{_EDIT}\b"
    rf"|^\s*(?:it|this\s+(?:policy|document|model|template|code))\s+(?:can|could|may|should)\s+be\s+{_EDIT}\s+to\s+"
    r"(?:include|reflect|suit|fit)\b[^.\n]{0,80}?\b(?:the\s+particular|your(?:\s+own)?)\s+(?:school|setting|academy)\b",
    re.I | re.M)
# a note on how the template marks what to change: "any yellow highlighted sections require action or
# confirmation by the school", "narrative in red indicates recent updates", "Grey text indicates where
# you need to fill in certain details", "this box can be deleted after you have finished", "This model
# policy should be adapted"
_MARKED = (r"(?:(?:yellow|green|blue|red|grey|gray|purple|orange|pink)(?:[- ]highlighted)?|highlighted|"
           r"italici[sz]ed|shaded|coloured|colored)")
FORMAT_NOTE = re.compile(
    rf"\b{_MARKED}\s+(?:text|sections?|narrative|wording|words|font|box(?:es)?|areas?|parts?|paragraphs?|fields?)\b"
    r"[^.\n]{0,80}?\b(?:(?:indicat\w*|requir\w*|need\w*|denot\w*|show(?:s|n)?\s+(?:where|what|which))"
    # (what the marks ask of the school: "require action", "indicates where you need to fill in")
    r"(?=[^.\n]{0,60}?\b(?:you|your|action|confirm\w*|complet\w*|fill\w*|insert\w*|delet\w*|remov\w*|amend\w*|"
    r"chang\w*|edit\w*|updat\w*|adapt\w*|the\s+school|school['’]s)\b)|"
    r"(?:should|must|can|may)\s+be\s+(?:deleted|removed|completed|amended|replaced|changed|edited)|"
    r"(?:is|are)\s+(?:to\s+be\s+)?(?:deleted|removed|completed|amended|replaced))\b"
    rf"|\b(?:narrative|text|wording|words)\s+(?:in|highlighted\s+in)\s+{_MARKED}\s+(?:indicat|denot|show)\w*"
    r"|\b(?:this|these)\s+(?:advisory\s+|guidance\s+|explanatory\s+)?(?:box(?:es)?|notes?)\s+(?:can|should|must|may)\s+"
    r"be\s+(?:deleted|removed)\b"
    rf"|\bthis\s+(?:model|template|sample|exemplar)\s+(?:[\w-]+\s+)?(?:should|must|will\s+need\s+to|needs\s+to)\s+be\s+"
    rf"{_EDIT}", re.I)
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)", re.M)


# a choice between saying a thing and its opposite left unmade: "Chestnuts will / will not allow" (not
# a question's two answers: "whether it is/is not allowed")
YES_NO = re.compile(r"\b(will|does|do|is|are|may|has|have|should|would)[ \t]*/[ \t]*\1(?:[ \t]+not|n[’']t)\b"
                    r"|\bwill[ \t]*/[ \t]*won[’']t\b", re.I)


# a template's choice of the kind of school left unmade, where one school is meant: "the school/academy",
# "your school / educational setting", "the School/College" (not "for Schools/Colleges" nor "each
# Academy/School": a note about many)
# (a trust's "the Trust/Academy DPO" and "the school/nursery" of a school with a nursery are written
# on purpose)
_KIND = r"(?:school|academy|setting|college|establishment)"
KIND_CHOICE = re.compile(rf"\b(?:the|this|your|our|that)\s+(?:educational\s+)?{_KIND}(?:\s*/\s*(?:educational\s+)?"
                         rf"{_KIND})+\b(?!s\b|/)", re.I)


# roles to choose between, in brackets where the sentence needs a noun: "report it to the (headteacher/DSL)"
ROLE_CHOICE = re.compile(r"\b(?:the|to|a|an|by|with|from)[ \t]+"
                         r"(?P<m>\((?P<inner>[^()/\n]{2,40}(?:/[^()/\n]{2,40})+)\))", re.I)
# a value that is a field's own name or the dummy person of a form: "Policy owner: Name Surname",
# "Contact: Joe Bloggs", "A N Other"
SAMPLE_VALUE = re.compile(r"(?m)(?<=:)[ \t]*(?P<v>(?i:(?:(?:first|last|full|middle|sur|fore)?name|surname|forename|"
                          r"title|initials?)(?:[ \t]+(?:(?:first|last|full|middle|sur|fore)?name|surname|forename))+"
                          r"|(?:joe|joanne|j\.?)[ \t]+bloggs|a[ \t]+n[ \t]+other))[ \t]*$")


# a choice each reader makes on a form, in the first person: "I do / do not (delete as appropriate)
# give permission", "collect it at the end of the day/week (delete as appropriate)"
READER_CHOICE = re.compile(r"[(\[](?:please\s+)?(?:delete|tick|circle|select|choose|strike\s+out)\b", re.I)


# an example written as a sentence: a pronoun or a verb ("[I will tell a grown-up]"), not a field
_FINITE_OR_PRONOUN = re.compile(r"\b(?:I|we|you|he|she|they|will|is|are|can|must|should)\b")
# the reader's own consent or undertaking: "I do / do not give permission", "my child"
READER_VOICE = re.compile(r"\bmy\s+(?:child|son|daughter|children)\b|(?<![\w'’])I\s+(?:do|give|agree|consent|"
                          r"understand|will\s+collect|would\s+like|have\s+read)\b", re.I)


def _readers_sentence(text: str, at: int) -> bool:
    """The sentence holding ``at`` speaks as the parent who fills the form in ("I give
    permission", "my child"), not as the one who signs a policy off ("As headteacher I will
    review this policy")."""
    low, high = max(0, at - 400), min(len(text), at + 400)     # (a sentence is shorter than that)
    start = max(text.rfind(". ", low, at), text.rfind("\n", low, at), low - 1) + 1
    end = min((i for i in (text.find(". ", at, high), text.find("\n", at, high)) if i >= 0), default=high)
    sentence = text[start:end]
    return bool(READER_VOICE.search(sentence)) and not re.search(r"\bpolicy\b", sentence, re.I)


def _choices(text: str) -> list[tuple[int, str]]:
    out = [(m.start(), m.group(0)) for m in YES_NO.finditer(text)
           if not re.search(r"\b(?:whether|if|what|which|who|how|when)\b[^.\n]{0,40}$",
                            text[max(0, m.start() - 45):m.start()], re.I) and not _readers_sentence(text, m.start())]
    out += [(m.start("m"), m["m"]) for m in ROLE_CHOICE.finditer(text)
            if all(any(w in FIELD for w in _words(part)) for part in m["inner"].split("/"))]
    out += [(m.start("v"), m["v"]) for m in SAMPLE_VALUE.finditer(text)]
    out += [(m.start(), m.group(0)) for m in KIND_CHOICE.finditer(text)]
    return out


def _adopter_notes(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0).strip()) for m in SENTENCE.finditer(text)
            if ADDRESSEE.search(m.group(0)) and EDITING.search(m.group(0)) or SCHOOLS_EDIT.search(m.group(0))
            or DOC_EDIT.search(m.group(0)) or FORMAT_NOTE.search(m.group(0))]


# a label alone on its line with the school's name on the next line of text: "Name of School" over
# "Oak Hill Primary School" (a short line of capitalised words with a school's word, not a title)
VALUE_BELOW = re.compile(r"[ \t]*\n(?:[ \t]*\n){0,3}[ \t]*(?=[^\n]*\b(?i:school|academy|college|primary|nursery|"
                         r"trust|federation)\b)(?![^\n]*\b(?i:polic(?:y|ies)|code|procedure|agreement|guidance)\b)"
                         r"(?:[A-Z][\w'’&.-]*[ \t]+){0,7}[A-Z][\w'’&.-]*[ \t]*(?:\n|\Z)")
# the words before an aside that says what each reader writes or gives, not a gap in the text
READER_ASIDE = re.compile(r"\b(?:yourself|themselves|himself|herself|your|their|other|others|please)[ \t]*$", re.I)


# a label whose value is still the order to write it: "Risk Assessment Number: Insert" (not "Status:
# Complete", "Shortcut: Enter": words a form or a screen shows as values)
LABEL_ORDER = re.compile(r"(?<=:)[ \t]*(?P<w>(?i:insert))[ \t]*\.?[ \t]*$", re.M)


FIELD_NAMES_ROW = re.compile(r"[ \t]*(?:(?-i:[A-Z][a-z]+)(?:[ \t]+(?-i:[A-Z][a-z]+))?[ \t]*(?:[/,|][ \t]*|$)){2,6}")


def _heading_row_over_values(text: str, m: re.Match) -> bool:
    """The field names are a line of their own, a table's heading row flattened, with the rows
    of values under it ("Name / Role / Contact Details" over "Mrs A Patel / DSL / 01234 ..."):
    names of columns, not gaps."""
    start = text.rfind("\n", 0, m.start()) + 1
    end = len(text) if (e := text.find("\n", m.end())) < 0 else e
    if not FIELD_NAMES_ROW.fullmatch(text, start, end):
        return False
    below = text[end:].lstrip("\n").split("\n", 1)[0].strip()
    return bool(below) and not FIELD_NAMES_ROW.fullmatch(below)


def _pair_twice(text: str, m: re.Match) -> bool:
    """The article and the word after it are a pair typed twice ("speak to the to the class
    teacher"): a doubled word, which that check reports, not a word taken out."""
    words = m.group(0).split()
    if len(words) != 2:
        return False
    before = re.search(rf"\b{re.escape(words[1])}[ \t]+$", text[max(0, m.start() - 12):m.start()], re.I)
    return bool(before) and bool(re.match(rf"[ \t]+{re.escape(words[0])}\b", text[m.end():], re.I))


# a statute's title with a part in square brackets: a capitalised word before it (no article), a
# statute's kind after it, no field's word inside ("The Education [Provision of ...] Regulations")
STATUTE_AFTER = re.compile(r"[ \t]+(?:\([A-Z][\w ]{1,30}\)[ \t]+)?(?:Regulations|Act|Order|Rules|Directions|Measure)\b")
STATUTE_BEFORE = re.compile(r"\b(?!(?:The|A|An|Our|This|Your)\b)[A-Z][\w'’]*[ \t]+$")
_FIELD_IN_TITLE = frozenset("name names school academy trust date insert authority la".split())


def find(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each template gap in ``text`` (Jinja already blanked out)."""
    found: list[tuple[int, str]] = [(m.start("w"), m.group("w")) for m in LABEL_ORDER.finditer(text)]
    found += [(m.start(), m.group(0)) for m in DIRECTION.finditer(text)
              if not (READER_CHOICE.match(m.group(0)) and _readers_sentence(text, m.start()))
              and not _heading_row_over_values(text, m)]
    found += [(m.start(), m.group(0)) for m in EDIT_ORDER.finditer(text)]
    found += [(m.start(), m.group(0).strip()) for m in TEMPLATE_TITLE.finditer(text)]
    found += [(m.start(), m.group(0).strip()) for m in EMPTY_SLOT.finditer(text)]
    found += [(m.start(), m.group(0)) for m in X_FOR_NAME.finditer(text)
              if not PLATFORMS_BEFORE.search(text, max(0, m.start() - 60), m.start())]
    found += [(m.start(), m.group(0)) for m in WORD_GONE.finditer(text) if not _pair_twice(text, m)]
    found += [(m.start(), m.group(0)) for m in MASK.finditer(text)
              if not FORMAT_BEFORE.search(text[max(0, m.start() - 30):m.start()]) and not FORMAT_ASIDE.match(
                  text[max(0, m.start() - 1):m.end() + 1])]
    on_form_line = Spans(_readers_lines(text)).covers
    found += [(m.start(), m.group(0)) for m in BLANK.finditer(text)
              if not on_form_line(m.start()) and not _leader(text, m) and not _contents_leader(text, m)
              and not _filled(text, m)
              and not (_readers_sentence(text, m.start()) and not _for_the_school(text, m))]
    # (a blank in the sentence a parent signs is theirs: "I give permission for my child ……… to take part")
    for m in SLOT.finditer(text):
        raw = m.group(0)
        bracket = raw[0]
        if re.match(r"[ \t]*:[ \t]*[^\s_.…]", text[m.end():m.end() + 4]):
            continue   # a label's explanation, its value after it: "Author (name & job title): Mrs ..."
        if bracket == "(" and LEGISLATION_AFTER.match(text, m.end()):
            continue   # a bracketed part of a statute's title: "The Education (School Day and School Year) (England)
            #            Regulations 1999"
        if bracket == "(" and READER_ASIDE.search(text[max(0, m.start() - 12):m.start()]):
            continue   # what each reader gives: "Identify yourself (name and role)", "Other (specify):"
        if READER_CHOICE.match(raw) and _readers_sentence(text, m.start()):
            continue   # the reader's own choice on a form: "I do / do not (delete as appropriate)"
        if re.search(r"\b(?:e\.g\.?|eg|for\s+example|such\s+as)[ \t]*$", text[max(0, m.start() - 14):m.start()], re.I) \
                and bracket == "[" and _FINITE_OR_PRONOUN.search(raw):
            continue   # an example sentence in brackets: "for example [I will tell a grown-up]"
        if bracket == "«":
            found.append((m.start(), raw))   # a mail-merge field: always a gap
            continue
        if bracket == "[" and STATUTE_AFTER.match(text, m.end()) and \
                STATUTE_BEFORE.search(text[max(0, m.start() - 30):m.start()]) and \
                not _FIELD_IN_TITLE.intersection(_words(raw)):
            continue   # a part of a statute's own title: "The Education [Provision of ... Pupils] Regulations"
        if bracket == "[" and quoted(text, m.start()) and _words(raw)[:1] and _words(raw)[0] in EDITOR_LEADS and \
                not INSTRUCTION.intersection(_words(raw)) and not FIELD.intersection(_words(raw)):
            continue   # an editor's words in a quotation: "‘they [the pupils] enjoyed the trip’"
        if bracket == "*" and not all(w in FIELD or w in ARTICLE for w in _words(raw)):
            continue   # emphasis, not a field set in stars
        inner = raw[2:-2] if raw.startswith("<<") else raw[1:-1]
        if _slot(inner, bracket, text[m.end():m.end() + 40].split("\n", 1)[0]):
            found.append((m.start(), raw))
    found += _capitals(text)
    for m in NAME_OF.finditer(text):
        if m.group("m") and m.group("w").lower() not in ARTICLE | READER_SUBJECT and \
                not _value_beside(text[m.end("m"):m.end("m") + 200]) and \
                not VALUE_BELOW.match(text, m.end("m")):   # a label with its value, beside or below it
            found.append((m.start("m"), m.group("m")))
        elif m.group("m2") and _glued(m.group("w2")).lower() in FIELD:
            # ("the name of schoolComplaints Procedure": a field run into the next word)
            found.append((m.start("m2"), m.group("m2")))
    for m in INSERT.finditer(text):
        if any(w.lower() in FIELD or w.lower() == "here" for w in m.group("w").split()):   # ("Insert PCU address")
            found.append((m.start(), m.group(0)))
    found += _sample_addresses(text)
    found += _empty_labels(text)
    found += _empty_rows(text)
    found += [(m.start("v"), m.group(0).strip()) for m in FIELD_NAMES_VALUE.finditer(text)
              if not _readers_field(m.group(0), [re.sub(r"['’]s$", "", w) for w in _words(m.group("l"))])]
    found += [(m.start(), m.group(0)) for m in CONTACT_LABELS.finditer(text)]
    found += [(m.start(), m.group(0)) for m in NUMBER_CHOICE.finditer(text)]
    found += [(m.start(), m.group(0).strip()) for m in FIELD_NAMES_LINE.finditer(text)
              if all(w in FIELD for w in _words(m.group(0))) and not LABELLED_BELOW.match(text, m.end())]
    found += [(m.start("w"), m.group(0).strip()) for m in CONTACT_AT.finditer(text)]
    found += [(m.start("w"), m.group(0).strip()) for m in CONTACT_GAP.finditer(text)]
    found += [(m.start(), m.group(0).strip()) for m in LOGO_BOX.finditer(text)]
    found += [(m.start(), m.group(0).strip()) for m in BARE_HANDLE.finditer(text)]
    found += [(m.start(), m.group(0)[:40]) for m in HASHED_NAME.finditer(text)]
    found += [(m.start("l"), m.group("l")) for m in LAST_CELL_LABEL.finditer(text)
              if len(_words(m.group("l"))) >= 2 and _ROW_DATE_WORDS & set(_words(m.group("l")))
              and _row_has_values(text, m.start("l"))
              # (or a row of one cell that is one word of an approval record: "Version |")
              or len(_words(m.group("l"))) == 1 and _words(m.group("l"))[0] in APPROVAL_LABEL
              and _row_cells(text, m.start("l")) == 1 and not _row_below(text, m.end())]
    found += [(m.start("l"), m.group(0)) for m in DATE_THEN_WORDS.finditer(text) if not DATE_VALUE.search(m.group("v"))]
    # (not a cell of a table's heading row: "... | Amended By | Approved By")
    found += [(m.start("w"), m.group(0).strip()) for m in DANGLING.finditer(text)
              if not _heading_row(text, m.start("w"), m.group(0))]
    found += _adopter_notes(text)
    found += _choices(text)
    # one finding per place: the earliest start wins, overlapping ones are dropped
    out: list[tuple[int, str]] = []
    for off, what in sorted(found, key=lambda f: (f[0], -len(f[1]))):
        if out and off < out[-1][0] + len(out[-1][1]):
            continue
        out.append((off, what))
    return out


_SAMPLE_PARTS = FIELD | ARTICLE | {"example", "sample", "schoolname", "yourschool", "xxx", "abc", "my", "insert"}


def _made_of_fields(label: str) -> bool:
    """Is an address's part only a field's words ("schoolname", "your-school", "name")?"""
    label = label.lower()
    if label in ("example", "sample"):
        return True
    parts = [p for p in re.split(r"[-_.]+", label) if p]
    if parts and all(p in _SAMPLE_PARTS for p in parts) and any(p in FIELD or p in ("example", "sample")
                                                                 for p in parts):
        return True
    # run together: "schoolname", "yourschool", "headteachername"
    return bool(re.fullmatch(r"(?:your|the|my)?(?:school|academy|trust)?(?:name|email|website|"
                             r"headteacher|address)?", label)) and len(label) >= 6


# a host's first label that names a site's service, not a field: "web.facebook.com", "mail.school.org.uk"
_SERVICE_LABELS = frozenset("web mail link links portal app m mobile login".split())


def _sample_addresses(text: str) -> list[tuple[int, str]]:
    out = []
    for m in ADDRESS.finditer(text):
        if m.group("handle"):
            if _made_of_fields(m.group("handle")):
                out.append((m.start(), m.group(0)))
            continue
        host = m.group("host").lower().removeprefix("www.")
        labels = host.split(".")
        if (m.group("local") and _made_of_fields(m.group("local")) and
                any(_made_of_fields(x) for x in labels[:-1])) or \
                (_made_of_fields(labels[0]) and not (labels[0] in _SERVICE_LABELS and len(labels) >= 3)):
            out.append((m.start(), m.group(0)))
    return out


_FIELD_GLUE = frozenset("of for and or to insert enter here primary secondary infant junior high nursery "
                        "full official".split())


def _capitals(text: str) -> list[tuple[int, str]]:
    """A field in capitals inside a sentence that is not itself in capitals."""
    out: list[tuple[int, str]] = []
    if not re.search(r"[A-Z]{2}", text):
        return out
    for line_m in re.finditer(r"[^\n]+", text):
        line = line_m.group(0)
        lower = sum(c.islower() for c in line)
        upper = sum(c.isupper() for c in line)
        if lower < upper or lower < 12:
            continue   # a heading in capitals, or too little text to tell
        for m in CAPS_RUN.finditer(line):
            words = _words(m.group(0))
            if re.match(r"[ \t]*:[ \t]*[^\s_.…:]", line[m.end():]) and not line[:m.start()].strip(" \t|"):
                continue   # a label in capitals with its value: "SCHOOL NAME: Stanway Fiveways Primary School"
            if any(w in STRONG for w in words) and (len(words) >= 2 or words[0] in STRONG) and \
                    all(w in FIELD or w in ARTICLE or w in _FIELD_GLUE for w in words):
                # (a school's own name in capitals, "BEMPTON PRIMARY SCHOOL" in a running footer, is no field)
                out.append((line_m.start() + m.start(), m.group(0)))
    return out


_CLAUSE = frozenset("must will should shall may can means mean is are was were include includes "
                    "following follows below above these those our we us to aims aim that which who whom "
                    "whose where please what has have been".split())


# the words of a label whose value is a date ("Review date:", "Last update:"), unless it asks who
# ("Approved by:" is followed by a body's name)
DATE_LABEL = frozenset("date dated update updated reviewed approved ratified adopted issued revised amended".split())
# what a date's value holds: a number, a month, a term or season, a cycle, "to be confirmed", or
# when it falls ("As required", "As and when there are changes")
DATE_VALUE = re.compile(rf"\d|\b{MONTH_WORD}\b|\b(?:autumn|spring|summer|winter|term|termly|annual\w*|yearly|every|"
                        r"biennial\w*|bi-?annual\w*|tri-?ennial\w*|tb[ac]|n/?a|ongoing|pending|as\s+(?:and\s+when|required|needed|necessary|"
                        r"appropriate)|to\s+be\s+\w+|when|if|after|following|changes?|one|two|three|four|five|six|"
                        r"years?|months?)\b", re.I)


def _dated(words: list[str]) -> bool:
    """A label whose value is a date: it names one, and does not ask by whom."""
    return "date" in words or "dated" in words or (bool(DATE_LABEL.intersection(words)) and "by" not in words)


# what a form asks each reader about: their child, themselves, a medicine (a label for the
# school's own details or the policy's approval is the template's)
READER_SUBJECT = frozenset("child child's children pupil pupil's student student's parent parents carer carers "
                           "guardian birth gp doctor medicine medication dose dosage allergies allergy expiry "
                           "employee class tutor".split())
_SIGN_OFF = frozenset("signature signatures s date dated print name".split())


def _readers_field(line: str, words: list[str]) -> bool:
    """A label each reader fills in on a form, not one of the template's: it asks about the
    reader's child or the reader, or is a bare signature and date, and is no approval's."""
    if _approval_line(line) or APPROVAL_LABEL.intersection(words) or {"school", "policy", "academy"} & set(words):
        return False
    line_words = set(_words(line))
    return bool(READER_SUBJECT & set(words)) or ("signature" in line_words or "signatures" in line_words) and \
        line_words <= _SIGN_OFF


# the last words of a label for a value besides a field's own words: "Governor responsible:", "Mobile:"
_LABEL_HEADS = frozenset("sign different responsible mobile fax reference due coordinator co-ordinator controller "
                         "responsibility ref urn".split())   # (a role's: "School Data Controller:", "Governor with lead
#                                                      responsibility:"), or a record's
#                                                      reference: "URN:", "Policy Ref No:")


# what a value of each kind of field is made of: an email holds "@", a phone its digits, a web
# address a dot between words (a line without it is not that label's value but what follows it)
_VALUE_SHAPE = (
    (frozenset("email e-mail".split()), re.compile(r"@|\bat\b.*\bdot\b", re.I)),     # ("office at school dot org")
    (frozenset("telephone phone tel mobile fax".split()), re.compile(r"\d")),
    (frozenset("website web url".split()), re.compile(r"\w\.\w|\bwww\b|https?\b", re.I)),
)
# a line that is another field's label and its value, in any words: "Position: Head of Governors",
# "SAFEGUARDING ADMINISTRATORS: | K WARREN" (not a sentence that runs on past its colon)
FIELD_LINE = re.compile(r"[ \t]*[A-Z][A-Za-z ()/'’&-]{1,60}:[ \t|]*\S[^:.!?]{0,80}$")


# a person's label, and a line that can be a person's name (not a heading: "KEY CONTACTS WITHIN THE
# LOCAL AUTHORITY" under "DESIGNATED SAFEGUARDING GOVERNOR:")
PERSON_LABEL = frozenset("chair governor headteacher principal dsl dpo senco clerk".split())
PERSON_VALUE = re.compile(r"[ \t]*(?:(?i:mr|mrs|ms|miss|mx|dr|rev|revd)\.?[ \t]+[A-Za-z]"
                          r"|[A-Z]\.?(?:[ \t]?[A-Z]\.?)?[ \t]+[A-Z][A-Za-z]"
                          r"|[A-Z][a-z]+(?:[ \t]+[A-Z][a-z'’-]+){1,2}[ \t]*(?:[,(–-]|$)|(?i:vacant|tb[ca]|to\s+be))")


def _fits(words: list[str], following: str) -> bool:
    """``following`` could be the value of a label of these words."""
    for kinds, shape in _VALUE_SHAPE:
        if kinds.intersection(words):
            return bool(shape.search(following))
    return True


# a line that gives a date or when a thing happens: a day, a month, a term, a year, a frequency
# ("12/09/2024", "Autumn Term", "Annually"; not a heading's number, "1. Introduction")
DATED_LINE = re.compile(rf"\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\b{MONTH_WORD}\b|\b(?:19|20)\d\d\b|"
                        r"\b(?:autumn|spring|summer|winter|term|termly|annual\w*|yearly|biennial\w*|every|tb[ac])\b",
                        re.I)
# a person's name as a signature or a role's holder gives it ("Mrs J Smith", "J. Smith", "Dr A Lee")
PERSON = re.compile(r"[ \t]*(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Rev|Revd|Fr|Sr)\.?[ \t]+[A-Z]"
                    r"|[A-Z]\.?(?:[ \t]?[A-Z]\.?)?[ \t]+[A-Z][a-z])")
# a heading typed with its number ("1. Introduction"), over which a cover's label ends
_NUMBERED_TITLE = re.compile(r"[ \t]*\d{1,2}(?:\.\d{1,2})*\.?[ \t]+[A-Z]")


def _sentence(line: str) -> bool:
    """A sentence of its own (six words or more, ending in its full stop): never a field's value."""
    text = line.strip()
    return len(text.split()) >= 6 and text.endswith(".") and text[:1].isupper()


def _row_field(line: str) -> bool:
    """A table row whose first cell is another field's label with its value ("Review Cycle | Three
    Years", "Date | June 2019")."""
    return bool(re.match(r"[ \t]*[A-Z][^|\n:]{0,40}?[ \t]*\|[ \t]*[^|\s]", line))


def _value_below(words: list[str], following: str) -> bool:
    """The next line gives the label's value, wrapped onto it: a value of its kind (a phone, an
    email), a date or a term for a date's label, or a person's name ("Next Review" over "Autumn
    Term", "Signed by Chair of Governors" over "Mrs J Smith", "Deputy DSL:" over "Mr A Khan")."""
    if re.match(r"[ \t]*[A-Z][^:|\n]{0,40}:", following):
        return False     # another field's own label and value: "Approved by: Trust Board Date: ..."
    return _holds(words, following) or bool(PERSON.match(following)) or \
        (_dated(words) or bool({"review", "reviewed"} & set(words))) and bool(DATED_LINE.search(following))


def _holds(words: list[str], following: str) -> bool:
    """``following`` holds a value of the label's kind: the label heads a list of them
    ("Telephone:" over "Office: 01234 567890")."""
    return any(kinds.intersection(words) and shape.search(following) for kinds, shape in _VALUE_SHAPE)


def _another_field(line: str) -> bool:
    return bool(FIELD_LINE.match(line))


def _titled(line: str) -> bool:
    """A line that reads as a title, not as words a value may be given in ("ADMISSIONS POLICY",
    "Staff Code of Conduct"; not "via the school office", "See our Facebook page")."""
    words = re.findall(r"[^\W\d_][\w'’-]*", line)
    small = {"of", "and", "the", "for", "to", "in", "on", "a", "an", "&"}
    if re.search(r"\d|-{3,}|_{3,}|\.{4,}|…", line):
        return False     # a date or a number ("June 2022"), or the line to write on
    return 0 < len(words) <= 8 and not re.search(r"[.,;:!?]\s*$", line.strip()) and \
        all(w[0].isupper() or w.lower() in small for w in words) and any(len(w) > 3 for w in words)


# the words of a record's label besides an approval's (its document's reference, version, owner, dates)
_RECORD_WORDS = frozenset("ref reference document version owner author status date dates number no".split())
# a row's label alone: a few words, no figures, no sentence
_ROW_LABEL = re.compile(r"[ \t]*[A-Z][A-Za-z'’/&()-]*(?:[ \t]+[A-Za-z'’/&()-]+){0,4}\??[ \t]*")


def _md_rule(line: str) -> bool:
    """A Markdown table's rule under its heading row: "|---|:---:|" (bars, colons and dashes only)."""
    return "---" in line and "|" in line and not line.strip(" \t|:-")


def _as_row(line: str) -> str:
    """A Markdown table's row as a copy's text gives it: "| Review Cycle | Three Years |" is "Review
    Cycle | Three Years", "| Revision Ref | |" (its value cell empty) is "Revision Ref". The same
    length, so offsets stay the line's."""
    if not line.lstrip().startswith("|"):
        return line
    lead = line[:len(line) - len(line.lstrip())] + " "      # (the opening bar, a space in its place)
    cells = line.strip()[1:].rstrip("|").split("|")
    while len(cells) > 1 and not cells[-1].strip():
        cells.pop()
    return (lead + "|".join(cells)).ljust(len(line))


def _empty_rows(text: str) -> list[tuple[int, str]]:
    """A record table's row whose value cell the copy left empty, so only its label is left, between
    two rows with theirs ("Review Cycle | Three Years" / "Revision Ref" / "Author/Owner | Teaching
    and Learning Committee"): between two such rows it is one of them, not a heading."""
    lines: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip() and not _md_rule(line):
            lines.append((offset, _as_row(line)))
        offset += len(line) + 1
    out = []
    for (_, before), (at, line), (_, after) in zip(lines, lines[1:], lines[2:]):
        if _ROW_LABEL.fullmatch(line) and all(_row_field(row) and row.count("|") == 1 for row in (before, after)) and \
                (_RECORD_WORDS | APPROVAL_LABEL).intersection(_words(line)) and \
                not any(re.fullmatch(r"[ \t]*(?:p(?:age)?\.?[ \t]*)?\d{1,3}[ \t]*", row.rsplit("|", 1)[1], re.I)
                        for row in (before, after)):     # (not a contents table's rows, their pages)
            out.append((at + len(line) - len(line.lstrip()), line.strip()))
    return out


# a field with its value written in, then another field left empty on the same line: "Print Name Julia
# Mann Date:", "Name: Mrs J Smith Signed:"
FILLED_THEN_FIELD = re.compile(r"(?:print(?:ed)?\s+)?name\s*[:\-]?\s*(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)?"
                               r"(?-i:[A-Z][\w'’-]*)(?:\s+(?-i:[A-Z][\w'’-]*)){1,3}\s+"
                               r"(?P<field>(?:date|dated|signed|signature|position|role)\s*[:\-]?)", re.I)


def _empty_labels(text: str) -> list[tuple[int, str]]:
    """A label line ("Review date:") with nothing after it: the end of the text, or another such
    label, follows it."""
    lines = text.split("\n")
    out, offset = [], 0
    starts = []
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    next_text: list[str | None] = [None] * len(lines)     # the next line with text after each line
    for i in range(len(lines) - 2, -1, -1):
        next_text[i] = lines[i + 1] if lines[i + 1].strip() else next_text[i + 1]
    for i, line in enumerate(lines):
        got = _label(line)
        if got is None:
            continue
        at, label = got
        if re.search(r"\((?:please\s+)?(?:specify|state|give\s+details)\)$", label, re.I):
            continue   # a reader's own answer on a form: "Other (specify):"
        words = _words(label)
        if _readers_field(line, words):
            continue   # a form's field for each reader: "Name of child:", "Signature(s): Date:"
        head = _words(re.split(r"\(|\b(?i:of|by|for|on)\b", label)[0])[-2:]   # "Chair of Governors": chair
        # (a number's abbreviation after its field's word is that field: "Telephone No:"; not "No (tick):")
        head = head[:1] if len(head) == 2 and head[1] == "no" and (head[0] in FIELD or head[0] in _LABEL_HEADS) \
            else head[-1:]
        if words[:1] == ["date"] and len(words) <= 5:
            head = ["date"]     # a date's label, whatever it dates: "Date shared with staff:"
        following = next_text[i]
        if head and head[0].endswith("s") and not head[0].endswith(("ss", "us", "is")):
            continue   # a plural ("Telephone numbers:") introduces a list, it is not a gap
        if len(words) > 8 or any(w in _CLAUSE for w in words) and not TO_BE_DONE.fullmatch(label):
            continue   # a sentence leading into what follows, not a label
        if head == ["code"] and {"policy", "document", "school", "academy"} & set(words):
            head = ["ref"]      # a document's reference: "Policy Code:" (not "Dress Code:")
        if not TO_BE_DONE.fullmatch(label) and not (head and (head[0] in FIELD or head[0] in APPROVAL_LABEL
                                                               or head[0] in _LABEL_HEADS)):
            continue   # a label whose main word is a value's ("Review date:", "Approved by:"), not a
            #            heading over what follows ("Setting work:", "Star of the Day:", "Version control:")
        if TO_BE_DONE.fullmatch(label) and following is not None and not (_label(following) or _labelled(following)) \
                and not ("date" in words and not DATE_VALUE.search(following) and _titled(following)):
            continue   # "To be reviewed:" over its value ("Termly", "Full Governing Body"; not "Date to be reviewed:"
            #            over a heading with no date, "Useful School/Setting Contacts")
        if following is not None and head and head[0] not in ("date", "name", "signed", "signature") and \
                not _dated(words) and not _label(following) and _sentence(following) and \
                len(following.split()) >= 6 and re.search(rf"\b{re.escape(head[0][:5])}", following, re.I):
            continue   # a heading over a sentence about what it names: "Email:" over "Pupils will use approved
            #            email accounts under supervision."
        # (a label after another field's value on its line is that row's: "Reviewed by: Trust Board
        # Date:" has no date, whatever the next line says)
        in_row = ":" in line[:at] and not (following is not None and _value_below(words, following))
        if following is None or in_row or _label(following) or _labelled(following) or \
                _another_field(following) and not _holds(words, following) or \
                _titled(following) and not _fits(words, following) or \
                re.match(r"[ \t]*#{1,6}[ \t]", following) or \
                _titled(following) and PERSON_LABEL.intersection(words) and not PERSON_VALUE.match(following) or \
                _NUMBERED_TITLE.match(following) and not DATED_LINE.search(following) or \
                _sentence(following) and (not _fits(words, following) or {"signed", "signature"} & set(words)) or \
                _dated(words) and re.search(r"[^\W\d_]", following) and not DATE_VALUE.search(following) and \
                not re.match(r"\s*(?i:by)\b", following):
            # (nothing after it, or the next line is another label: "AGREED BY GOVERNORS:" over
            # "REVIEW DATE: January 2023", or a date's label over words with no date: "Review
            # date:" over "Table of Contents"; over a rule to write on, it is a form's)
            if (filled := FILLED_THEN_FIELD.fullmatch(line.strip())):
                # (a field filled in, then the one left empty: "Print Name Julia Mann Date:" lacks its date only)
                out.append((starts[i] + line.index(filled["field"], at), filled["field"]))
            else:
                out.append((starts[i] + at, line.strip()))
    # a bare label line at the end of the text, or over another label: "Date Ratified by Trust" over
    # "Signature of CEO" (a line after one ending in a colon is what that line introduces:
    # "Governors review each term:" over "Number of exclusions")
    lead = ""       # the line before the run of bare labels a line is in
    for i, line in enumerate(lines):
        m = BARE_LABEL.fullmatch(line.strip())
        if m and re.search(r"\b(?i:the|of|by|and|to|in|for|a|an)$", m.group(0)) and next_text[i] is not None:
            m = None     # a cell's label wrapped onto the next line: "Date reviewed by the" over "Governing Body"
        if m and not lead.rstrip().endswith(":"):
            following = next_text[i]
            counted = re.match(r"(?i:(?:total\s+)?(?:number|amount)\b|total\b)", m.group(0))
            if following is None or BARE_LABEL.fullmatch(following.strip()) or _label(following) or \
                    not counted and not _value_below(_words(m.group(0)), following) and \
                    not _readers_field(line, _words(m.group(0))) and \
                    (_titled(following) or _row_field(following) or _NUMBERED_TITLE.match(following)):
                out.append((starts[i] + line.index(m.group(0)), m.group(0)))
        if line.strip() and not m:
            lead = line
    for m in ASIDE_ONLY.finditer(text):   # "Authorised by: (Headteacher)", "Approved by: Date (Governing Body)"
        value = re.sub(r"\([^()\n]*\)", " ", m.group("value")).split()
        nxt = next((ln for ln in text[m.end():].split("\n") if ln.strip()), None)
        if not value and nxt is not None and not _label(nxt) and not _labelled(nxt):
            continue   # "Signed by:" over the name that signed, on the next line
        signed = re.match(r"\s*signed", m.group(0), re.I)
        if len(value) <= 1 and all(w.lower() in GAP or w.lower() in ("signature", "sign") for w in value) or \
                signed and value and all(w.lower().strip(",") in ROLE_WORDS for w in value):
            # ("Signed: Chair of Governors": the role that signs, its signature never written)
            out.append((m.start(), m.group(0).strip()))
    for m in CELL_LABEL.finditer(text):   # a table row's empty cell: "Date approved: | Next review: ..."
        if any(w in VALUE_FIELD for w in _words(m.group("label"))):
            out.append((m.start("label"), m.group(0).strip(" |")))
    return out


# the last line of a text that is only a date's or a signature's label, no colon, no value: "Date of
# ratification by FGB", "Initialled by Chair and Head", "Signature of Headteacher"
BARE_LABEL = re.compile(r"(?:Date\s+(?:of|for)|Signature\s+of|Initialled\s+by|Signed\s+by)(?:\s+[A-Za-z][\w'’-]*){1,5}"
                        # an approval's label in its own words: "Last Amended", "Date Ratified by Trust"
                        r"|(?i:(?:date|last|next)\s+(?:ratified|approved|adopted|amended|reviewed|review|revised|"
                        r"updated|issued|agreed)(?:\s+(?:by|on)(?:\s+[A-Za-z][\w'’-]*){1,4})?)"
                        # a count or a sum with nothing after it: "Number of eligible pupils", "Total PPG received"
                        r"|(?:Total\s+)?(?:[Nn]umber|[Aa]mount)\s+of(?:\s+[A-Za-z][\w'’-]*){1,6}"
                        r"|Total(?:\s+[A-Za-z][\w'’-]*){0,3}\s+(?:received|budget|allocation|spend|cost)")
# a label saying what is still to be done to the document: "To be reviewed:", "To be approved by:"
TO_BE_DONE = re.compile(r"(?i:(?:date\s+)?to\s+be\s+(?:re-?)?(?:reviewed|approved|ratified|adopted|agreed|signed|"
                        r"issued|updated|revised|renewed)(?:\s+(?:by|on|in|no\s+later\s+than))?)")
# the words of a label whose value is an approval's date or signature
APPROVAL_LABEL = frozenset("review reviewed ratified approved authorised authorized agreed adopted revision "
                           "revised amended updated update issued version prepared author owner countersigned".split())
# a line that starts with a label and its value: "REVIEW DATE: January 2023", "Date: 3 May 2024"
LABEL_START = re.compile(r"[ \t]*[A-Z][A-Za-z ()/'’&-]{1,40}:[ \t]*\S")


def _labelled(line: str) -> bool:
    """A line that is a label of the approval record with its value ("REVIEW DATE: January 2023",
    "Next review date: 2026"), not a person's name and role before a date ("J Smith Headteacher
    Date: 3.5.24")."""
    m = LABEL_START.match(line)
    return bool(m) and all(w in FIELD or w in APPROVAL_LABEL or w in ROLE_WORDS or w in ("next", "last", "policy")
                           for w in _words(line[:line.index(":")]))


# the words of a role, which a signature line names without the signature
ROLE_WORDS = frozenset("head headteacher head-teacher teacher principal chair of the governors governing body board "
                       "trustees clerk deputy executive ceo chief officer".split())
# an approval's label followed only by asides in brackets or a field's name: its value never written
ASIDE_ONLY = re.compile(r"(?im)^[ \t]*(?:approved|authori[sz]ed|ratified|adopted|agreed|signed|reviewed)"
                        r"(?:[ \t]+by)?[ \t]*:(?P<value>[^\n]{0,120})$")
# a cell that is a label with nothing after it, followed by another label's cell or the row's end
# ("Date approved: | Next review: January 2027"); a label whose value is the next cell
# ("Next review due by: | November 2025 |") is not empty
# the words of a label whose value is a date, a signature or a number (not a role's, whose
# cells that follow give the person: "Deputy DSL: | Name: ...")
VALUE_FIELD = frozenset("date dated approved ratified adopted agreed signed signature reviewed review version "
                        "number name issued".split())
CELL_LABEL = re.compile(r"(?:^|\|)[ \t]*(?P<label>[A-Z][^:|\n]{0,40}):[ \t]*\|(?=[ \t]*(?:$|\||[A-Z][^:|\n]{0,40}:))",
                        re.M)
