namespace Scoring.Rules; internal static class Placeholder {}
