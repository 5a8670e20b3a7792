check examples/jcpoa-2015.yaml
