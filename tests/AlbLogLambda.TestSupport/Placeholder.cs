namespace AlbLogLambda.TestSupport;
