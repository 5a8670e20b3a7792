eval examples/jcpoa-2015.yaml --all
