"""Questions about the graph: supporters and clients, paths, proxy chains and wars, blocs, ranks, time."""
