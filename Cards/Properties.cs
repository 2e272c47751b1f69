using System.Resources;

// The neutral resources are Flemish Dutch: a reader whose locale is not English reads nl-BE.
[assembly: NeutralResourcesLanguage("nl-BE")]
