#define G_LOG_DOMAIN "mp-demo"

#include "config.h"

#include <string.h>

#include "mp-demo.h"
#include "mp-text.h"

/* Everyone here is made up; any likeness to a real person is chance. */

static const char *norwegian_given[] = {
  "Kari", "Ola", "Ingrid", "Lars", "Anne", "Per", "Silje", "Jonas", "Marit", "Kristian",
  "Åse", "Øyvind", "Bjørn", "Sigrid", "Ragnhild", "Håkon", "Eirik", "Ingunn", "Torstein",
  "Hege", "Solveig", "Knut", "Tone", "Nils", "Maja", "Emma", "Nora", "Jakob", "Emil",
  "Sofie", "Ida", "Magnus", "Henrik", "Thea", "Astrid", "Liv", "Gunnar", "Mari", "Sindre",
  "Vilde", "Åsmund", "Ørjan", "Gro", "Trond", "Hilde", "Synnøve", "Arne", "Berit", "Tor",
  "Randi", "Eli", "Jørgen", "Marte", "Stian", "Camilla", "Kjersti", "Håvard", "Turid",
};

static const char *norwegian_family[] = {
  "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
  "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen",
  "Johannessen", "Andreassen", "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Henriksen",
  "Lund", "Sørensen", "Jakobsen", "Moen", "Gundersen", "Iversen", "Strand", "Solberg",
  "Svendsen", "Eide", "Knutsen", "Martinsen", "Paulsen", "Bakken", "Kristoffersen",
  "Mathisen", "Lie", "Amundsen", "Rasmussen", "Ødegård", "Aasen", "Åsheim", "Sæther",
  "Løvås", "Bråten", "Græsdal", "Nesheim", "Tveit", "Haugland", "Brekke", "Fjeld",
  "Nordmann", "Vik", "Myklebust", "Sandvik", "Holm", "Rønning", "Ulvestad", "Kvamme",
};

/* Given and family names that go together. */
static const struct {
  const char *given[12];
  const char *family[10];
  const char *language;       /* what they might need an interpreter for */
} origins[] = {
  { { "Ahmed", "Mohamed", "Abdi", "Farhan", "Hodan", "Amina", "Ayan", "Nasra", "Khadija", "Abdirahman", NULL },
    { "Abdi", "Hassan", "Mohamed", "Ali", "Warsame", "Jama", "Farah", "Osman", "Yusuf", "Nur" }, "Somali" },
  { { "Olena", "Oksana", "Andrii", "Dmytro", "Iryna", "Kateryna", "Tetiana", "Serhii", "Yulia", "Mykola", NULL },
    { "Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Melnyk", "Kravchenko", "Oliinyk", "Lysenko", "Marchenko", "Boiko" }, "Ukrainsk" },
  { { "Piotr", "Agnieszka", "Tomasz", "Katarzyna", "Marek", "Magdalena", "Paweł", "Anna", "Krzysztof", "Joanna", NULL },
    { "Nowak", "Kowalski", "Wiśniewska", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowska", "Zieliński", "Szymański", "Dąbrowska" }, "Polsk" },
  { { "Dawit", "Selam", "Yonas", "Helen", "Merhawit", "Filmon", "Senait", "Tesfay", "Ruta", "Samuel", NULL },
    { "Tesfaye", "Ghebremariam", "Haile", "Kidane", "Berhane", "Tekle", "Woldemichael", "Gebru", "Asfaha", "Mehari" }, "Tigrinja" },
  { { "Omar", "Leila", "Nour", "Samir", "Rania", "Bilal", "Hiba", "Khaled", "Lina", "Yasmin", NULL },
    { "Al-Sayed", "Haddad", "Khalil", "Al-Hassan", "Nasser", "Darwish", "Mansour", "Saleh", "Ibrahim", "Kassem" }, "Arabisk" },
  { { "Reza", "Maryam", "Hamid", "Farida", "Aziz", "Zahra", "Mustafa", "Fatima", "Sayed", "Shabnam", NULL },
    { "Ahmadi", "Rahimi", "Hosseini", "Karimi", "Mohammadi", "Sultani", "Noori", "Azizi", "Hashimi", "Rezai" }, "Dari" },
  { { "Minh", "Thi Lan", "Thu", "Hung", "Linh", "Tuan", "Mai", "Duc", "Hoa", "Quang", NULL },
    { "Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui", "Do", "Ngo" }, "Vietnamesisk" },
  { { "Imran", "Sana", "Usman", "Ayesha", "Kashif", "Nadia", "Faisal", "Saima", "Tariq", "Rabia", NULL },
    { "Khan", "Ahmed", "Hussain", "Iqbal", "Butt", "Malik", "Chaudhry", "Raza", "Mirza", "Qureshi" }, "Urdu" },
};

static const char *places[] = {
  "Bergen", "Oslo", "Trondheim", "Stavanger", "Kristiansand", "Tromsø", "Drammen",
  "Fredrikstad", "Sandnes", "Bodø", "Ålesund", "Voss", "Askøy", "Bærum", "Asker",
  "Lillestrøm", "Skien", "Arendal", "Haugesund", "Molde", "Gjøvik", "Hamar", "Larvik",
  "Porsgrunn", "Sarpsborg", "Halden", "Harstad", "Alta", "Kongsberg", "Lørenskog",
  "Sogndal", "Sunnfjord", "Øygarden", "Bjørnafjorden", "Stord", "Førde", "Steinkjer",
  "Elverum", "Narvik", "Kristiansund",
};

static const char *oslo_districts[] = {
  "Gamle Oslo", "Grünerløkka", "Sagene", "St. Hanshaugen", "Frogner", "Alna", "Grorud",
  "Stovner", "Søndre Nordstrand", "Bjerke", "Østensjø", "Nordstrand",
};

static const char *counties[][2] = {
  { "Vestland", "vlfk.no" }, { "Rogaland", "rogfk.no" }, { "Trøndelag", "trondelagfylke.no" },
  { "Agder", "agderfk.no" }, { "Nordland", "nfk.no" }, { "Innlandet", "innlandetfylke.no" },
  { "Møre og Romsdal", "mrfylke.no" }, { "Troms", "tromsfylke.no" }, { "Akershus", "afk.no" },
  { "Buskerud", "bfk.no" }, { "Østfold", "ostfoldfk.no" }, { "Telemark", "tfk.no" },
};

static const char *state_agencies[][2] = {
  { "IMDi", "imdi.no" }, { "UDI", "udi.no" }, { "Bufdir", "bufdir.no" },
  { "Husbanken", "husbanken.no" }, { "HK-dir", "hkdir.no" }, { "Politiet", "politiet.no" },
  { "Arbeids- og velferdsdirektoratet", "nav.no" }, { "Helsedirektoratet", "helsedir.no" },
};

static const char *ngos[][2] = {
  { "Røde Kors", "redcross.no" }, { "Redd Barna", "reddbarna.no" },
  { "Kirkens Bymisjon", "bymisjon.no" }, { "Norsk Folkehjelp", "folkehjelp.no" },
  { "Caritas Norge", "caritas.no" }, { "Frelsesarmeen", "frelsesarmeen.no" },
  { "NOAS", "noas.no" }, { "Flyktninghjelpen", "nrc.no" }, { "Kirkens Nødhjelp", "nca.no" },
  { "Sanitetskvinnene", "sanitetskvinnene.no" }, { "Norges Fotballforbund", "fotball.no" },
  { "Leger Uten Grenser", "legerutengrenser.no" }, { "Antirasistisk Senter", "antirasistisk-senter.no" },
};

static const char *immigrant_organisations[] = {
  "Innvandrerrådet i %s", "Somalisk kvinneforening i %s", "Ukrainsk forening i %s",
  "Eritreisk forening %s", "Polsk forening i %s", "Syrisk kulturforening %s",
  "Afghansk forening i %s", "Tamilsk ressurssenter %s", "Vietnamesisk forening i %s",
  "Flerkulturelt råd i %s", "Kvinnenettverket %s",
};

static const char *businesses[][2] = {
  { "Fretex", "fretex.no" }, { "Coop Vest", "coop.no" }, { "Equinor", "equinor.com" },
  { "DNB", "dnb.no" }, { "Manpower", "manpower.no" }, { "Adecco", "adecco.no" },
  { "Sparebanken Vest", "spv.no" }, { "Telenor", "telenor.com" }, { "Veidekke", "veidekke.no" },
  { "Norlandia Barnehager", "norlandia.no" }, { "ISS Facility Services", "no.issworld.com" },
};

static const char *education[][2] = {
  { "Universitetet i Bergen", "uib.no" }, { "OsloMet", "oslomet.no" }, { "NTNU", "ntnu.no" },
  { "Høgskulen på Vestlandet", "hvl.no" }, { "Universitetet i Agder", "uia.no" },
  { "Fafo", "fafo.no" }, { "Universitetet i Stavanger", "uis.no" }, { "Nord universitet", "nord.no" },
};

static const char *private_domains[] = {
  "gmail.com", "hotmail.com", "online.no", "outlook.com", "yahoo.no", "icloud.com",
};

static const char *dietary[] = {
  "Vegetar", "Vegansk", "Glutenfri", "Laktosefri", "Halal", "Nøtteallergi",
  "Ingen svinekjøtt", "Pescetarianer", "Fiskeallergi", "Cøliaki, må ha glutenfritt",
};

static const char *accessibility[] = {
  "Rullestol", "Teleslynge", "Trenger ledsager", "Synshemmet, trenger forstørret materiell",
  "Trinnfri adkomst", "Førerhund",
};

/* The default sectors, in the store's names. */
enum {
  SECTOR_KOMMUNE, SECTOR_FYLKESKOMMUNE, SECTOR_NAV, SECTOR_STAT, SECTOR_FRIVILLIG,
  SECTOR_INNVANDRER, SECTOR_FRIVILLIGSENTRAL, SECTOR_NAERINGSLIV, SECTOR_UTDANNING,
  SECTOR_MOTTAK, SECTOR_POLITIKK, SECTOR_PRIVAT, SECTOR_ANNET, N_SECTORS
};

static const struct {
  const char *name;
  guint       weight;   /* how often people from the sector come */
} sectors[N_SECTORS] = {
  [SECTOR_KOMMUNE] = { "Kommune", 24 },
  [SECTOR_FYLKESKOMMUNE] = { "Fylkeskommune", 6 },
  [SECTOR_NAV] = { "NAV", 12 },
  [SECTOR_STAT] = { "Statlig virksomhet", 6 },
  [SECTOR_FRIVILLIG] = { "Frivillig organisasjon", 16 },
  [SECTOR_INNVANDRER] = { "Innvandrerorganisasjon / innvandrerråd", 10 },
  [SECTOR_FRIVILLIGSENTRAL] = { "Frivilligsentral", 8 },
  [SECTOR_NAERINGSLIV] = { "Næringsliv", 5 },
  [SECTOR_UTDANNING] = { "Utdanning og forskning", 5 },
  [SECTOR_MOTTAK] = { "Asylmottak", 2 },
  [SECTOR_POLITIKK] = { "Politikk (folkevalgt)", 3 },
  [SECTOR_PRIVAT] = { "Privatperson", 2 },
  [SECTOR_ANNET] = { "Annet", 1 },
};

#define PICK(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

static gboolean
chance (GRand *rand,
        guint  percent)
{
  return (guint) g_rand_int_range (rand, 0, 100) < percent;
}

/* "Åse-Marit Sørensen" → "ase-marit.sorensen": what goes before the @. */
static void
append_mail_part (GString    *out,
                  const char *text)
{
  g_autofree char *folded = mp_text_fold (text);

  for (const char *p = folded; *p != '\0'; p++)
    g_string_append_c (out, *p == ' ' ? '-' : *p);
}

/* "Bærum" → "barum": for made-up domains like baerum.kommune.no */
static char *
domain_part (const char *place)
{
  g_autofree char *folded = mp_text_fold (place);

  return g_strdelimit (g_steal_pointer (&folded), " ", '-');
}

static guint
pick_sector (GRand *rand)
{
  guint total = 0, n;

  for (guint i = 0; i < N_SECTORS; i++)
    total += sectors[i].weight;
  n = g_rand_int_range (rand, 0, total);
  for (guint i = 0; i < N_SECTORS; i++)
    {
      if (n < sectors[i].weight)
        return i;
      n -= sectors[i].weight;
    }
  return SECTOR_ANNET;
}

/* Sets the organisation and returns the e-mail domain that goes with it. */
static char *
fill_organisation (GRand               *rand,
                   guint                sector,
                   MpRegistrationInput *input)
{
  const char *place = PICK (rand, places);
  g_autofree char *slug = domain_part (place);

  switch (sector)
    {
    case SECTOR_KOMMUNE:
      if (chance (rand, 15))
        {
          const char *district = PICK (rand, oslo_districts);
          g_autofree char *d = domain_part (district);

          input->organisation = g_strdup_printf ("Bydel %s", district);
          return g_strdup_printf ("bydel-%s.oslo.kommune.no", d);
        }
      if (chance (rand, 30))
        input->organisation = g_strdup_printf ("%s kommune, %s", place,
                                               chance (rand, 50) ? "flyktningtjenesten"
                                                                 : "integreringsavdelingen");
      else
        input->organisation = g_strdup_printf ("%s kommune", place);
      return g_strdup_printf ("%s.kommune.no", slug);

    case SECTOR_FYLKESKOMMUNE:
      {
        guint i = g_rand_int_range (rand, 0, G_N_ELEMENTS (counties));

        input->organisation = g_strdup_printf ("%s fylkeskommune", counties[i][0]);
        return g_strdup (counties[i][1]);
      }

    case SECTOR_NAV:
      input->organisation = g_strdup_printf ("NAV %s", place);
      return g_strdup ("nav.no");

    case SECTOR_STAT:
      {
        guint i = g_rand_int_range (rand, 0, G_N_ELEMENTS (state_agencies));

        if (chance (rand, 20))
          {
            input->organisation = g_strdup_printf ("Statsforvalteren i %s",
                                                   counties[g_rand_int_range (rand, 0, G_N_ELEMENTS (counties))][0]);
            return g_strdup ("statsforvalteren.no");
          }
        input->organisation = g_strdup (state_agencies[i][0]);
        return g_strdup (state_agencies[i][1]);
      }

    case SECTOR_FRIVILLIG:
      {
        guint i = g_rand_int_range (rand, 0, G_N_ELEMENTS (ngos));

        if (chance (rand, 50))
          input->organisation = g_strdup_printf ("%s %s", ngos[i][0], place);
        else
          input->organisation = g_strdup (ngos[i][0]);
        return g_strdup (ngos[i][1]);
      }

    case SECTOR_INNVANDRER:
      {
        const char *pattern = PICK (rand, immigrant_organisations);

        input->organisation = g_strdup_printf (pattern, place);
        /* small associations mostly use private addresses */
        return g_strdup (PICK (rand, private_domains));
      }

    case SECTOR_FRIVILLIGSENTRAL:
      input->organisation = chance (rand, 50) ? g_strdup_printf ("Frivilligsentralen i %s", place)
                                              : g_strdup_printf ("%s frivilligsentral", place);
      return g_strdup_printf ("%s.frivilligsentral.no", slug);

    case SECTOR_NAERINGSLIV:
      {
        guint i = g_rand_int_range (rand, 0, G_N_ELEMENTS (businesses));

        if (chance (rand, 30))
          {
            const char *family = PICK (rand, norwegian_family);
            g_autofree char *f = domain_part (family);

            input->organisation = g_strdup_printf ("%s Bygg AS", family);
            return g_strdup_printf ("%sbygg.no", f);
          }
        input->organisation = g_strdup (businesses[i][0]);
        return g_strdup (businesses[i][1]);
      }

    case SECTOR_UTDANNING:
      {
        guint i = g_rand_int_range (rand, 0, G_N_ELEMENTS (education));

        if (chance (rand, 40))
          {
            input->organisation = g_strdup_printf ("%s voksenopplæring", place);
            return g_strdup_printf ("%s.kommune.no", slug);
          }
        input->organisation = g_strdup (education[i][0]);
        return g_strdup (education[i][1]);
      }

    case SECTOR_MOTTAK:
      input->organisation = g_strdup_printf ("%s mottak", place);
      return g_strdup ("hero.no");

    case SECTOR_POLITIKK:
      input->organisation = chance (rand, 70) ? g_strdup_printf ("%s kommunestyre", place)
                                              : g_strdup_printf ("%s fylkesting",
                                                                 counties[g_rand_int_range (rand, 0, G_N_ELEMENTS (counties))][0]);
      return g_strdup_printf ("%s.kommune.no", slug);

    case SECTOR_PRIVAT:
      input->organisation = NULL;
      return g_strdup (PICK (rand, private_domains));

    case SECTOR_ANNET:
    default:
      if (chance (rand, 50))
        {
          input->organisation = g_strdup_printf ("Den norske kirke, %s", place);
          return g_strdup ("kirken.no");
        }
      input->organisation = g_strdup_printf ("%s bibliotek", place);
      return g_strdup_printf ("%s.kommune.no", slug);
    }
}

static char *
make_phone (GRand *rand)
{
  guint number = (chance (rand, 70) ? 90000000 : 40000000) + g_rand_int_range (rand, 0, 10000000);

  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      return g_strdup_printf ("%u", number);
    case 1:
      return g_strdup_printf ("+47 %03u %02u %03u", number / 100000, number / 1000 % 100, number % 1000);
    case 2:
      return g_strdup_printf ("%03u %02u %03u", number / 100000, number / 1000 % 100, number % 1000);
    default:
      return g_strdup_printf ("+47%u", number);
    }
}

void
mp_demo_fill_input (GRand               *rand,
                    MpRegistrationInput *input)
{
  const char *given, *family, *language = NULL;
  guint sector;
  g_autofree char *domain = NULL;
  g_autoptr(GString) email = NULL;
  guint roll;

  g_return_if_fail (rand != NULL);
  g_return_if_fail (input != NULL);

  memset (input, 0, sizeof *input);

  sector = pick_sector (rand);

  /* Immigrant councils and associations are mostly run by immigrants;
   * elsewhere about one in five has a name from abroad. */
  if (chance (rand, sector == SECTOR_INNVANDRER || sector == SECTOR_MOTTAK ? 85 : 20))
    {
      guint o = g_rand_int_range (rand, 0, G_N_ELEMENTS (origins));
      guint n_given = 0;

      while (origins[o].given[n_given] != NULL)
        n_given++;
      given = origins[o].given[g_rand_int_range (rand, 0, n_given)];
      family = PICK (rand, origins[o].family);
      language = origins[o].language;
    }
  else
    {
      given = PICK (rand, norwegian_given);
      family = PICK (rand, norwegian_family);
      /* double given names are common: Anne-Marit, Ola Martin */
      if (chance (rand, 12))
        {
          const char *second = PICK (rand, norwegian_given);

          if (strcmp (second, given) != 0)
            {
              input->name = g_strdup_printf ("%s%s%s %s", given, chance (rand, 50) ? "-" : " ",
                                             second, family);
            }
        }
    }
  if (input->name == NULL)
    input->name = g_strdup_printf ("%s %s", given, family);

  domain = fill_organisation (rand, sector, input);
  input->sector = g_strdup (sectors[sector].name);

  /* Most give an e-mail address; a few forms did not ask. */
  if (chance (rand, 92))
    {
      email = g_string_new (NULL);
      append_mail_part (email, given);
      g_string_append_c (email, '.');
      append_mail_part (email, family);
      if (sector == SECTOR_PRIVAT || sector == SECTOR_INNVANDRER || chance (rand, 10))
        g_string_append_printf (email, "%u", g_rand_int_range (rand, 1, 1000));
      g_string_append_c (email, '@');
      g_string_append (email, domain);
      input->email = g_string_free (g_steal_pointer (&email), FALSE);
    }

  if (chance (rand, 70))
    input->phone = make_phone (rand);

  if (chance (rand, 15))
    input->dietary = g_strdup (PICK (rand, dietary));
  if (chance (rand, 4))
    input->accessibility = g_strdup (PICK (rand, accessibility));
  if (language != NULL && chance (rand, 15))
    input->interpreter = g_strdup (language);
  else if (chance (rand, 1))
    input->interpreter = g_strdup ("Tegnspråk");

  input->consent_followup = chance (rand, 60) ? MP_CONSENT_YES : MP_CONSENT_NO;
  input->consent_photo = chance (rand, 75) ? MP_CONSENT_YES : MP_CONSENT_NO;

  roll = g_rand_int_range (rand, 0, 100);
  input->status = roll < 92 ? MP_REGISTRATION_STATUS_REGISTERED
                : roll < 97 ? MP_REGISTRATION_STATUS_WAITLISTED
                : MP_REGISTRATION_STATUS_CANCELLED;
  input->source = MP_REGISTRATION_SOURCE_IMPORT;
}
