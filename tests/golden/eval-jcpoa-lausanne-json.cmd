eval examples/jcpoa-2015.yaml --proposal lausanne --format json
