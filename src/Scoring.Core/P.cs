namespace Scoring; internal static class Placeholder {}
