"""The research areas the board knows, with the other names students and postings use for them.

One list for everything that reads words: the posting reader tags postings with these slugs, the
research-area filter offers them, and search understands their synonyms. A synonym is matched
as a whole word or phrase, case-insensitively ("NLP", "recsys", "LLMs"). `query_terms` are what
students type into a search box but mean something else too often in a posting's prose to tag
it by ("CV" is also a résumé, "vision" a mission statement, "privacy" a policy).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Area:
    name: str
    slug: str
    synonyms: tuple[str, ...] = ()
    query_terms: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The area's own name first, then its synonyms: what names it in a posting's text."""
        return (self.name, *self.synonyms)

    @property
    def search_terms(self) -> tuple[str, ...]:
        """Everything that names it in a student's search."""
        return (*self.names, *self.query_terms)


RESEARCH_AREAS = (
    Area("Ads", "ads", ("ads", "advertising", "ad ranking", "ads ranking", "monetization")),
    Area("Ranking", "ranking", ("ranking", "learning to rank", "ranking models")),
    Area(
        "Recommender systems",
        "recommender-systems",
        (
            "recommender system",
            "recommendation system",
            "recommendation systems",
            "recommender",
            "recommenders",
            "recommendations",
            "recsys",
        ),
    ),
    Area(
        "Natural language processing",
        "natural-language-processing",
        ("NLP", "natural language understanding", "NLU", "computational linguistics"),
    ),
    Area("Information retrieval", "information-retrieval", ("retrieval",), ("IR",)),
    Area("Graph analysis", "graph-analysis", ("graph analytics", "graph mining")),
    Area("Personalization", "personalization", ("personalisation",)),
    Area("Image recognition", "image-recognition", ("image classification",)),
    Area("User modeling", "user-modeling", ("user modelling",)),
    Area("Search", "search", ("search ranking", "search relevance", "web search")),
    Area("Neural networks", "neural-networks", ("neural network", "deep neural networks")),
    Area(
        "Graph representation learning",
        "graph-representation-learning",
        ("graph neural networks", "graph neural network", "GNN", "GNNs", "graph embeddings"),
    ),
    Area("Big data analytics", "big-data-analytics", ("big data",)),
    Area("Computer vision", "computer-vision", ("visual recognition",), ("CV", "vision")),
    Area("Reinforcement learning", "reinforcement-learning", ("RL", "RLHF")),
    Area(
        "Large language models",
        "large-language-models",
        ("LLM", "LLMs", "large language model", "foundation models", "language models"),
    ),
    Area("Speech recognition", "speech-recognition", ("ASR", "speech", "speech processing")),
    Area("Robotics", "robotics", ("robot learning", "robots")),
    Area(
        "Generative models",
        "generative-models",
        ("generative AI", "GenAI", "diffusion models", "generative modeling"),
    ),
    Area("Causal inference", "causal-inference", ("causality", "causal ML")),
    Area(
        "Time series forecasting",
        "time-series-forecasting",
        ("time series", "forecasting", "time-series"),
    ),
    Area("Fraud detection", "fraud-detection", ("fraud", "anomaly detection", "risk modeling")),
    Area(
        "ML infrastructure",
        "ml-infrastructure",
        ("ML infra", "MLOps", "ML platform", "machine learning infrastructure", "ML systems"),
    ),
    Area("Optimization", "optimization", ("optimisation", "operations research")),
    Area(
        "Fairness and privacy",
        "fairness-and-privacy",
        ("fairness", "responsible AI", "differential privacy", "privacy-preserving"),
        ("privacy",),
    ),
    Area(
        "Computational biology",
        "computational-biology",
        ("bioinformatics", "genomics", "protein design"),
    ),
)

AREA_BY_SLUG = {area.slug: area for area in RESEARCH_AREAS}
