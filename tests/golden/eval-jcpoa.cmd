eval examples/jcpoa-2015.yaml --proposal jcpoa
