"""Word lists that tell what a name in French press is: the head nouns of organisations and of
places, countries (a state when it acts, a place when something happens in it), demonyms, news
organisations (cited as sources they are credits, never entities) and person titles.

Plain data, tuned on the development part of the annotated corpus; the rules that use it are in
``names.py``.
"""

from __future__ import annotations

APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
"""Typographic apostrophes, read as the straight one when words are folded to compare them
(« l’armée » is « l'armée »)."""

ORG_HEADS = frozenset({
    "ministère", "ministères", "armée", "forces", "force", "état-major", "garde", "gendarmerie", "police",
    "école", "centre", "institut", "mission", "société", "compagnie", "entreprise", "groupe", "groupement",
    "bataillon", "brigade", "régiment", "commandement", "direction", "banque", "fonds", "fondation", "agence",
    "office", "conseil", "commission", "comité", "assemblée", "confédération", "alliance", "communauté",
    "union", "organisation", "fédération", "corporation", "holding", "chambre", "caisse", "autorité",
    "association", "syndicat", "université", "ambassade", "présidence", "haut-commissariat", "secrétariat",
    "cour", "tribunal", "festival", "hôpital", "chu", "volontaires", "coopérative", "observatoire",
    "laboratoire", "académie", "parlement", "sénat", "primature", "système", "semaine", "conférence", "bourse",
    "front", "mouvement", "katiba", "coordination", "forum", "télé", "télévision", "radio", "trésor",
})
"""First words of organisation names (« Caisse malienne de sécurité sociale »)."""

ACRONYM_HEADS = frozenset({"programme", "projet", "plan", "initiative", "opération", "réseau", "collectif",
                           "plateforme", "cellule", "unité", "pôle"})
"""First words that, before an acronym the name spells, make it a body's name (« Programme alimentaire
mondial (PAM) »); alone they are too common to open a name."""

LOWER_ORG_HEADS = frozenset({"ministère", "ministères", "armée", "forces", "force", "état-major", "ambassade", "consulat",
                             "mission",
                             "fondation", "hôpital", "groupe", "primature", "opération"})
"""Heads that start a name even in lower case (« le ministère de la Défense », « l'armée
burkinabè »), when a proper name or a nationality follows."""

NATIONAL_ADJ_HEADS = frozenset({"armée", "forces", "mission", "état-major", "trésor"})
"""Heads that a nationality alone makes a name (« l'armée nigérienne », « forces nigériennes »)."""

OWN_NAME_NATIONAL_HEADS = frozenset({"trésor"})
"""Of those, the heads whose name with a nationality is a body of its own, not the state it belongs to: the
state's forces are the state acting (« les forces américaines »), its treasury is an office that issues
sanctions and statements under its own name (« le Trésor américain »)."""

BODIES_BY_NAME = frozenset({"primature"})
"""Common nouns that name one body of a state on their own, capitalised (« la Primature », the Prime
Minister's office): an organisation, though a single word."""

STANDING_BODIES = {("forces", "de", "défense", "et", "de", "sécurité"): "forces de défense et de sécurité",
                   ("forces", "de", "défenses", "et", "de", "sécurité"): "forces de défense et de sécurité",
                   ("forces", "armées", "nationales"): "forces armées nationales",
                   ("eaux", "et", "forêts"): "Eaux et Forêts",
                   ("force", "multinationale", "mixte"): "Force multinationale mixte",
                   ("force", "multinationale", "conjointe"): "Force multinationale conjointe"}
"""Designations in common words that the Sahel press uses, capitalised or not, as the name of one
body (a state's forces of defence and security as a whole, its national armed forces, its
forestry service « les Eaux et Forêts », the Lake Chad states' joint force): an organisation, under the
name given here."""

NOT_NAMES = frozenset({"forces armées", "forces spéciales", "forces de sécurité"})
"""Generic phrases with a head noun that name no organisation on their own."""

ORG_SUFFIXES = frozenset({"gold", "mining", "corporation", "corp", "capital", "group", "holding", "sa", "sarl",
                          "lithium", "resources", "petroleum", "energy", "minerals", "ltd", "inc", "plc", "limited",
                          "company", "bank", "airlines", "telecom"})
"""Last words of company names (« Barrick Gold », « Ganfeng Lithium », « Lilium Capital »)."""

COMMON_ABBREVIATIONS = frozenset({"vip", "tva", "pib", "pdg", "dg", "ttc", "ht", "pme", "ong"})
"""Capitalised abbreviations that are words, not organisations."""

FRAGMENT_WORDS = frozenset({"officier", "officiers", "soldat", "soldats", "militaires", "stagiaires", "publicité",
                            "lire", "aussi", "partage", "partager", "rappelons", "notons", "mondial", "accord"})
"""Capitalised words at the start of a line or heading that the model takes for names."""

TRAINEES = frozenset({"élève", "élèves", "stagiaire", "stagiaires", "auditeur", "auditeurs", "recrue", "recrues"})
"""First words of a class of trainees, named with its acronym (« les Élèves Officiers Spécialistes (EOS) »):
people in training, not a body."""

TITLE_WORDS = frozenset({"chef", "chefs", "ministre", "président", "présidente", "directeur", "directrice",
                         "secrétaire", "commandant", "coordinateur", "coordinatrice", "gouverneur", "représentant",
                         "représentante", "délégué", "déléguée", "porte-parole", "inspecteur", "inspectrice"})
"""First words of a person's title: a name they open with an acronym is the title (« Chef d'État-major
des Armées (CEMA) »), not an organisation."""

QUOTED_SITE_HEADS = ("pavillon", "salle", "hall", "espace")
"""Sites named by a quoted word after them (« au pavillon « arc-en-ciel » »)."""

BOTH_ORG_AND_PLACE = frozenset({"hôpital", "chu"})
"""Institutions that are also places: the annotation guide counts them as both."""

PLACE_HEADS = frozenset({"aéroport", "aérodrome", "base", "palais", "stade", "hôtel", "camp", "complexe",
                         "barrage", "port", "poste", "pipeline", "oléoduc",
                         "lac", "fleuve", "océan", "mer", "golfe", "désert", "massif", "mont", "monts", "rivière",
                         "delta", "plateau", "vallée", "île", "lagune", "falaise"})
"""First words of site names (« aéroport international de Niamey », « palais de Koulouba ») and of
natural features (« le fleuve Niger » and « le lac Tchad » are no states)."""

PLACE_HEAD_NEEDS = {"base": ("aérienne", "militaire", "navale", "logistique"), "port": ("autonome",),
                    "poste": ("de commandement",), "camp": (), "complexe": ("scolaire",)}
"""Heads that name a site only with one of these words after them (« base aérienne de Sénou », « Poste
de commandement de la Force »). A camp is named only by its town (« le camp de Kati »), a person or a
number (« le Camp Bila Zagré », « Camp Naaba Koom 2 »): « le camp militaire de Bougouni » is read as
the town, as the bundled example's annotations read it (the corpus's gold writes it as a site). A
school complex is a site (« le complexe scolaire Sainte Anne »); a mining or sports complex is named by
its own name (« Loulo-Gounkoto », « Mali Arena »)."""
HEADS_OF_A_TOWN = frozenset({"port", "camp"})
"""Of those, heads that also name a site with a town's name after them (« le port de Conakry », « le port
d'Abidjan »: the port, not the town)."""
LOWER_SITE_HEADS = {"centre": ("d'instruction", "d'aguerrissement"), "complexe": ("scolaire",)}
"""Heads of a body's name written in lower case that name a site with one of these words after them
(« au centre d'instruction militaire d'Aroungouza »: an army's camp; « un centre de formation » in lower
case is as often any school as a named one, and stays none; « le complexe scolaire Sainte Anne de
Kamboinsin » is a school, not a person)."""

ARTICLE_CITIES = {"cap": "Le Cap", "caire": "Le Caire", "havre": "Le Havre", "haye": "La Haye",
                  "mecque": "La Mecque", "havane": "La Havane", "valette": "La Valette", "paz": "La Paz"}
"""Cities whose French name has an article the text contracts (« près du Cap » is Le Cap)."""

SITE_OF = ("région", "cercle", "commune", "province", "localité", "ville", "village", "mine", "mines",
           "gisement", "gisements", "site", "sites", "préfecture", "arrondissement", "quartier", "secteur", "zone",
           "plateforme", "terminal", "district")
"""« la région de Bougouni », « la mine de Goulamina »: the name after them is a place."""

PLACES_OF_A_TOWN = frozenset({"marché", "camp", "gare", "garnison", "prison", "frontière", "route", "pont",
                              "commissariat", "poste"})
"""Common nouns of a town's places that the model may read with the town as one name (« le marché de
Diffa », « le camp militaire de Léré »): the town is the place named."""

SITE_OF_WHAT = ("d'or", "de lithium", "d'uranium", "de manganèse", "de fer", "de phosphate", "aurifère",
                "malienne", "burkinabè", "nigérienne", "minier", "minière")
"""What may stand between a site word and the place (« la mine de lithium de Goulamina »)."""

NOT_NAME_STARTS = ("conférence de presse", "conférence-débat", "point de presse")
"""A capitalised head with these words after it is an event, not a body (« la Conférence de presse du
ministre »)."""

NOT_BODY_HEADS = frozenset({"brevet", "certificat", "diplôme", "baccalauréat", "bac", "examen", "examens", "concours",
                            "licence", "doctorat", "bon", "bons", "obligation", "obligations", "règlement", "décret",
                            "ordonnance", "arrêté", "loi", "politique"})
"""First words of names that name no body: exams and diplomas (« Brevet d'études du premier cycle »:
what pupils sit), securities (« Obligations assimilables du Trésor »: what a treasury sells), texts
and policies (« Règlement de service dans l'armée », « Politique de sécurité et de défense commune »)."""

NAME_SMALL_WORDS = frozenset({"de", "du", "des", "d", "l", "la", "le", "les", "et", "pour", "sur", "aux", "au", "en",
                              "à", "a", "dans"})
"""Small words a name's key leaves out, so that two ways of writing one name compare equal (with or
without accents: « à » folded is « a »)."""

SCHOOL_HEADS = frozenset({"centre", "école", "institut", "académie", "camp"})
"""Heads of schools, training centres and camps, whose names run through three lower-case nouns to
their town (« Centre de formation de maintien de la paix de Ouallam »)."""

CONNECTORS = frozenset({"de", "du", "des", "d'", "la", "l'", "le", "les", "et", "pour", "sur", "aux"})
"""Small words inside names (« Chambre de commerce et d'industrie du Mali »)."""

DEMONYMS = frozenset({
    "malien", "malienne", "maliens", "maliennes", "burkinabè", "burkinabé", "burkinabe", "burkinabès",
    "nigérien", "nigérienne", "nigériens", "nigériennes", "russe", "russes", "chinois", "chinoise",
    "chinoises", "turc", "turque", "turcs", "turques", "français", "française", "françaises", "américain",
    "américaine", "américains", "américaines", "canadien", "canadienne", "sénégalais", "sénégalaise",
    "ivoirien", "ivoirienne", "guinéen", "guinéenne", "tchadien", "tchadienne", "mauritanien", "mauritanienne",
    "algérien", "algérienne", "marocain", "marocaine", "nigérian", "nigériane", "ghanéen", "ghanéenne",
    "togolais", "togolaise", "béninois", "béninoise", "ukrainien", "ukrainienne", "iranien", "iranienne",
    "allemand", "allemande", "britannique", "indien", "indienne", "européen", "européenne", "africain",
    "africaine", "sahélien", "sahélienne", "ouest-africain", "ouest-africaine", "nationale", "national",
})
"""Nationality adjectives (and « national »): they close a name such as « armée malienne »."""

COUNTRIES = (
    "Russie", "Chine", "Turquie", "Niger", "Burkina Faso", "Burkina", "France", "Maroc", "Zambie", "Ghana",
    "Algérie", "Sénégal", "Côte d'Ivoire", "Guinée", "Mauritanie", "Tchad", "Nigeria", "Nigéria", "Bénin",
    "Togo", "Cameroun", "Libye", "Égypte", "Egypte", "Tunisie", "Iran", "Inde", "Japon", "Corée du Sud",
    "Allemagne", "Italie", "Espagne", "Royaume-Uni", "Canada", "Belgique", "Ukraine", "Israël", "Qatar",
    "Arabie saoudite", "Émirats arabes unis", "Brésil", "Afrique du Sud", "Éthiopie", "Kenya", "Soudan",
    "Gabon", "Congo", "République centrafricaine", "République démocratique du Congo", "Rwanda", "Ouganda",
    "Angola", "Portugal", "Suisse", "Pays-Bas", "Biélorussie", "Cuba", "Vietnam", "Pakistan", "Indonésie",
    "Gambie", "Guinée-Bissau", "Liberia", "Sierra Leone", "Cap-Vert", "Centrafrique", "Zambie", "Zimbabwe",
)
"""Countries by their French names; the id is the slug of the name (« Burkina Faso » → burkina-faso)."""

_NOT_STATES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AQ", "DM", "MU", "GD", "JE", "SV"})
"""Territory codes of CLDR that are no country (the EU, the UN, pseudo-locales), and countries whose
French name is also a first name or a common noun (Dominique, Maurice, Grenade, Jersey, Salvador)."""


def world_countries() -> tuple[str, ...]:
    """Every country's French name from CLDR (Babel's territory names), with the alternative form a
    name gives in parentheses (« Myanmar (Birmanie) »), for countries the list above lacks."""
    from babel import Locale

    out = []
    for code, name in Locale("fr").territories.items():
        if not code.isalpha() or code in _NOT_STATES or "." in name:
            continue
        name = name.replace("\u2019", "'")
        main, _, alt = name.partition(" (")
        out += [main, alt.rstrip(")")] if alt else [main]
    return tuple(out)


COUNTRY_ALIASES = {"burkina": "Burkina Faso", "faso": "Burkina Faso", "nigéria": "Nigeria", "egypte": "Égypte",
                   "türkiye": "Turquie", "turkiye": "Turquie"}

STATE_FORMS = ("république populaire de", "république islamique d'", "république fédérale d'",
               "république démocratique de", "république de", "république du", "république d'", "fédération de",
               "royaume du", "royaume de", "état du", "état de", "etat du", "etat de", "état d'", "l'état du")
"""Long forms that name the country itself (« la République populaire de Chine » is China)."""

PLACE_PREPOSITIONS = frozenset({"à", "au", "aux", "en", "dans"})
"""A country right after these is a place (« au Niger »); elsewhere it is the state acting."""

NEWS_ORGANISATIONS = frozenset({
    "afp", "agence france-presse", "agence france presse", "reuters", "apa", "agence de presse africaine",
    "anadolu", "agence anadolu", "xinhua", "agence xinhua", "rfi", "radio france internationale", "bloomberg",
    "le monde", "vna", "cvn", "sputnik", "tass", "ria novosti", "south china morning post", "african initiative",
    "jeune afrique", "france 24", "bbc", "associated press", "ap", "al jazeera", "maliweb", "seneweb",
    "aps", "map", "mena", "aip", "ani", "apanews", "africanews", "le point", "le figaro", "libération",
    "financial times", "wall street journal", "new york times", "washington post", "dw", "voa", "tv5monde",
    "abamako", "studio tamani", "aib", "lefaso.net", "wakat séra", "sahel intelligence", "ria", "interfax",
    "agence d'information du burkina", "agence nigérienne de presse", "anp",
    "télé sahel", "télé-sahel", "ortm", "ortn", "rtb", "amap", "agence malienne de presse et de publicité",
    "la voix du sahel", "radio télévision du burkina", "office de radiodiffusion télévision du mali",
    "deutsche welle", "deutsch welle", "der spiegel", "africanews", "rfi afrique", "agence ecofin", "ecofin", "belga", "bfmtv", "sputnik afrique",
    "bfm tv",
    # social networks and messaging, where pages send their readers (« notre compte TikTok »)
    "tiktok", "facebook", "whatsapp", "youtube", "instagram", "twitter", "telegram", "linkedin",
})
"""News organisations and agencies: cited as sources (« selon l'AFP », « rapporte RFI »), they are
credits, never entities of the article; nor are the social networks a page sends its readers to."""

PERSON_TITLES = frozenset({
    "m.", "m", "mme", "mlle", "dr", "pr", "me", "madame", "monsieur", "mademoiselle", "docteur", "professeur",
    "son", "excellence", "sem", "général", "generale", "colonel", "colonel-major", "lieutenant-colonel", "capitaine",
    "commandant", "lieutenant", "sergent", "adjudant", "adjudant-chef", "caporal", "major", "brigade", "division",
    "d'armée", "armée", "président", "présidente", "ministre", "premier", "chef", "médecin", "l'adjudant-chef",
    "le", "la", "de", "pm", "dame", "diva", "sieur", "feu", "maître", "imam", "contrôleur", "inspecteur",
    "commissaire", "intendant", "générale", "principal", "divisionnaire", "roi", "reine", "prince", "princesse",
    "émir", "sm", "sultan", "maréchal", "amiral", "vice-amiral", "contre-amiral",
})
"""Words in front of a person's name that are not part of it (« le Général de Brigade Moussa Yoro Kanté »)."""

POSSESSIVES = frozenset({"son", "sa", "ses", "leur", "leurs", "notre", "nos", "votre", "vos", "mon", "ma", "mes",
                         "ce", "cet", "cette", "ces"})
"""Before a head noun, these make it a reference to something named elsewhere (« cette École »)."""

DEMONYM_COUNTRIES = {
    "malien": "Mali", "burkinabè": "Burkina Faso", "burkinabé": "Burkina Faso", "burkinabe": "Burkina Faso",
    "nigérien": "Niger", "russe": "Russie", "chinois": "Chine", "turc": "Turquie", "français": "France",
    "américain": "États-Unis", "canadien": "Canada", "sénégalais": "Sénégal", "ivoirien": "Côte d'Ivoire",
    "guinéen": "Guinée", "tchadien": "Tchad", "mauritanien": "Mauritanie", "algérien": "Algérie",
    "marocain": "Maroc", "nigérian": "Nigeria", "ghanéen": "Ghana", "togolais": "Togo",
    "béninois": "Bénin", "ukrainien": "Ukraine", "iranien": "Iran", "allemand": "Allemagne",
    "britannique": "Royaume-Uni", "indien": "Inde", "zambien": "Zambie", "égyptien": "Égypte",
    "tunisien": "Tunisie", "libyen": "Libye", "camerounais": "Cameroun", "japonais": "Japon", "italien": "Italie",
    "espagnol": "Espagne", "belge": "Belgique", "qatari": "Qatar", "saoudien": "Arabie saoudite",
    "israélien": "Israël", "centrafricain": "République centrafricaine", "rwandais": "Rwanda", "gabonais": "Gabon",
    "brésilien": "Brésil", "sud-africain": "Afrique du Sud", "éthiopien": "Éthiopie", "kényan": "Kenya",
    "soudanais": "Soudan", "pakistanais": "Pakistan", "biélorusse": "Biélorussie", "cubain": "Cuba",
    "vietnamien": "Vietnam", "sud-coréen": "Corée du Sud", "portugais": "Portugal", "gambien": "Gambie",
}
"""Nationality adjectives (masculine singular) → the country (« l'État burkinabè » is Burkina Faso)."""

STATE_NOUNS = ("état", "etat", "gouvernement", "autorités", "junte", "régime", "exécutif")
"""Nouns that, with a nationality or « au pouvoir au … », name the state itself (« le gouvernement
nigérien », « la junte militaire au pouvoir au Niger »)."""

CAPITALS = {
    "bamako": "Mali", "ouagadougou": "Burkina Faso", "niamey": "Niger", "moscou": "Russie", "paris": "France",
    "washington": "États-Unis", "pékin": "Chine", "beijing": "Chine", "ankara": "Turquie", "dakar": "Sénégal",
    "alger": "Algérie", "rabat": "Maroc", "abuja": "Nigeria", "kiev": "Ukraine", "kyiv": "Ukraine",
    "londres": "Royaume-Uni", "berlin": "Allemagne", "tokyo": "Japon", "téhéran": "Iran",
    "nouakchott": "Mauritanie", "n'djamena": "Tchad", "conakry": "Guinée", "accra": "Ghana", "lomé": "Togo",
    "porto-novo": "Bénin", "yaoundé": "Cameroun", "tripoli": "Libye", "tunis": "Tunisie", "rome": "Italie",
    "madrid": "Espagne", "ottawa": "Canada", "lusaka": "Zambie", "minsk": "Biélorussie", "doha": "Qatar",
    "riyad": "Arabie saoudite", "kigali": "Rwanda", "bangui": "République centrafricaine", "pretoria":
    "Afrique du Sud", "addis-abeba": "Éthiopie", "nairobi": "Kenya", "khartoum": "Soudan", "new delhi": "Inde",
}
"""Capitals, which stand for their state when it acts (« Niamey reproche à … », « entre Paris et
Niamey »); after « à », « dans », « vers »… they are the city."""

STATE_BODY_HEADS = frozenset({"ministère", "ministre", "armée", "armées", "forces", "état-major", "président",
                              "présidente", "présidence", "gouvernement", "ambassade", "ambassadeur", "ambassadrice",
                              "consulat", "gendarmerie", "garde", "police", "chef", "autorités", "république", "trésor",
                              "marine"})
"""First words of a state's own bodies and offices: a country their name ends with (« le ministère de
l'Intérieur du Tchad », « le Président de la République du Togo ») is the state they belong to; not « l'Office
du Niger », a body named after the river."""

STATE_ATTRIBUTES = frozenset({
    "intérêt", "autorité", "gouvernement", "position", "décision", "politique", "soutien", "influence", "pression",
    "exigence", "demande", "allié", "partenaire", "relation", "diplomatie", "présence", "offre", "proposition",
    "appui", "aide", "réaction", "accusation", "volonté", "stratégie", "main", "rupture", "rapprochement",
    "détourner", "éloigner", "rapprocher", "distancer", "rompre", "émancipation", "tutelle", "giron", "général",
    "dirigeant", "selon",
})
"""Nouns and verbs that make « de Moscou » the state (« les intérêts de Moscou », « se détourner de Paris »)."""

SEAT_INSTITUTIONS = frozenset({"kremlin", "élysée", "pentagone", "quai d'orsay", "matignon", "maison-blanche"})
"""Institutions named by their seat: organisations, not places (« contrôlé par le Kremlin »)."""

FORCE_ADJECTIVES = frozenset({"paramilitaire", "armé", "jihadiste", "djihadiste", "terroriste", "rebelle",
                              "mercenaire", "séparatiste", "islamiste", "militaire"})
"""Between « groupe » and a name, these make « groupe » part of the name (« le groupe paramilitaire
russe Wagner » is the groupe Wagner); a company's group (« le groupe français Orano ») is the name alone."""

TOWARD_PREPOSITIONS = frozenset({"vers", "chez", "dans", "travers", "depuis", "via"})
"""Prepositions of direction or place that may stand before a country's article (« vers la Turquie »,
« à travers le Burkina »): the country is then its territory."""

DEPARTURE_WORDS = frozenset({"envoler", "partir", "décoller", "embarquer", "route", "destination", "quitter"})
"""Words after which « pour la Russie » says where one goes."""

GOODS = frozenset({"avion", "hélicoptère", "drone", "arme", "armement", "blindé", "véhicule", "munition",
                   "équipement", "matériel", "camion", "char", "missile", "radar", "produit", "céréale",
                   "carburant", "engrais", "blé", "riz", "importation", "cargaison", "livraison", "marchandise"})
"""Goods: « des drones de Turquie » come from that country's territory."""

ZONE_NOUNS = frozenset({"zone", "région", "frontière", "frontières", "triangle", "axe", "route", "corridor",
                        "confins", "bande", "territoire", "carrefour", "frontalier", "frontalière"})
"""Nouns of an area that countries « entre … et … » bound."""

LINK_VERBS = frozenset({"relier", "raccorder", "connecter", "acheminer", "exporter"})
"""Verbs after which « à l'Italie » is where a link ends (a territory), not whom something goes to."""

MILITARY_UNITS = frozenset({"bataillon", "régiment", "groupement", "compagnie", "escadron", "escadrille",
                            "brigade", "division", "région", "légion", "groupe", "secteur", "base", "zone"})
"""Heads of a military unit's name that a number in front belongs to (« le 26e Bataillon … »)."""

HOSTED_BODIES = frozenset({"mission", "représentation", "bureau", "ambassade"})
"""Heads of a body named with the country that hosts it (« la Mission italienne de soutien au Niger »,
« l'ambassade de Chine au Mali »: one of the many embassies of China)."""

NAMED_WITH_WHERE_THEY_ARE = frozenset({"ambassade"})
"""Of those, the bodies whose host country is also a place of the article: an embassy is in the country
(« l'ambassade de France au Niger » is in Niger), a mission works for it."""

CONTINENTS = frozenset({"Afrique", "Europe", "Asie", "Amérique", "Océanie"})
"""Continents, whose parts are regions named on (« l'Afrique australe », « l'Afrique de l'Ouest »)."""

TIES_VERBS = frozenset({"lier", "allier", "rapprocher", "arrimer", "associer"})
"""« se sont liés à Moscou »: the capital after these and « à » is the partner state."""

SAYING_VERBS = frozenset({"indiquer", "déclarer", "affirmer", "annoncer", "souligner", "préciser", "assurer",
                          "expliquer", "ajouter", "rappeler", "estimer", "dénoncer", "réagir", "répondre"})
"""« a indiqué Moscou »: a capital as the inverted subject of these is its state speaking."""

RANKS = frozenset({"sous-lieutenant", "lieutenant", "capitaine", "commandant", "colonel", "colonel-major",
                   "lieutenant-colonel", "général", "sergent", "sergent-chef", "adjudant", "adjudant-chef", "caporal",
                   "caporal-chef", "soldat", "aspirant", "élève-officier", "commissaire", "contrôleur"})
"""Military and police ranks written before a name, which they are no part of."""

SITES_NAMED_AFTER = frozenset({"camp", "stade", "caserne", "avenue", "boulevard", "rue", "place", "quartier", "pont",
                               "aéroport"})
"""Of the nouns before a name given to honour someone, those that make a place (the others a body:
« le lycée Askia Mohamed »)."""

SUPPORT_NOUNS = frozenset({"soutien", "aide", "appui", "assistance", "solidarité", "don", "honneur", "hommage",
                           "remerciement", "livraison", "offre", "contribution"})
"""« son soutien au Mali », « un don de la Chine au Niger », « faire honneur au Niger »: « au » after
these names who is supported, given or honoured, the state."""

FROM_A_COUNTRY = frozenset({"retrait", "départ", "sortie", "retirer", "quitter", "partir", "sortir", "venir",
                            "expulsion", "expulser", "arriver", "arrivée", "originaire", "nord", "sud", "est", "ouest",
                            "centre", "reste", "territoire", "région", "partie", "capitale", "ville", "frontière",
                            "direction", "venu", "venue", "issu", "issue", "issus", "issues", "frontalier",
                            "provenance", "hors", "espace", "côte", "intérieur", "extérieur", "gisement",
                            "sous-sol", "nord-est", "nord-ouest", "sud-est", "sud-ouest", "centre-nord", "centre-est",
                            "centre-ouest", "centre-sud", "contrée", "localité", "province", "zone"})
"""Words after which « du Mali » is the country as a place (« son retrait du Mali », « le nord du
Mali »); after other nouns it is the state (« la sécurité du Mali »)."""

ARMED_NAME = (r"\bkatiba\b|\betat islamique\b|\bboko haram\b|\bansar|\bmoudjahid|\bmujahid|\bjihad|\bdjihad"
              r"|\bqaida\b|\bnusrat\b|\bmuslimin\b"
              r"|^(?:front|mouvement|coordination|groupe|cadre|alliance)\b.*\b(?:liberation|azawad|islam\w*|armee?s?)\b")
"""What makes a name a non-state armed group, matched against the folded name (« Front de libération
de l'Azawad », « Katiba Macina », « État islamique au Sahel », « Ansarul Islam »)."""
