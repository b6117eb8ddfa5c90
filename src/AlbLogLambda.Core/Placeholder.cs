namespace AlbLogLambda.Core;
